using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// Whether the watch loops reach the API. A loop whose attempt failed for want of a connection (or with a server
/// error) and whose retry failed too marks the cluster unreachable in the snapshot, since its first failure; one
/// failure that the retry repairs (a reset connection) does not. The mark goes when no loop is failing like that.
/// </summary>
internal sealed class ClusterReachability(SnapshotHub hub, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Failures, DateTimeOffset First)> _failing = new(StringComparer.Ordinal);

    public void Failed(string loop, Exception error)
    {
        if (error is not ClusterException { Unreachable: true } and not ClusterException { StatusCode: >= 500 or 429 })
        {
            return; // 403, 404, ...: a configuration problem, logged by the loop, not an outage
        }

        lock (_lock)
        {
            var (failures, first) = _failing.GetValueOrDefault(loop, (0, time.GetUtcNow()));
            _failing[loop] = (failures + 1, first);
            if (failures + 1 >= 2 && hub.Current.UnreachableSince is null)
            {
                hub.Publish(s => s with { UnreachableSince = first });
            }
        }
    }

    public void Connected(string loop)
    {
        lock (_lock)
        {
            if (_failing.Remove(loop) && _failing.Values.All(f => f.Failures < 2) && hub.Current.UnreachableSince is not null)
            {
                hub.Publish(s => s with { UnreachableSince = null });
            }
        }
    }
}
