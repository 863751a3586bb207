using System.Collections.Concurrent;
using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Access;

/// <summary>
/// When each instance was last used through its URL, stamped by every allowed forward-auth request. Kept in memory
/// (cheap on the hot path); stamps are coarsened to whole seconds so that a burst of asset requests writes once.
/// </summary>
public sealed class InstanceActivity(TimeProvider time)
{
    private readonly ConcurrentDictionary<InstanceRef, long> _lastSeconds = new();

    public void Stamp(InstanceRef instance)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!_lastSeconds.TryGetValue(instance, out var last) || last < now)
        {
            _lastSeconds[instance] = now;
        }
    }

    /// <summary>Every instance stamped since the process started, with its latest stamp.</summary>
    public IEnumerable<(InstanceRef Instance, DateTimeOffset At)> All() =>
        _lastSeconds.Select(e => (e.Key, DateTimeOffset.FromUnixTimeSeconds(e.Value)));

    public DateTimeOffset? LastActivity(InstanceRef instance) =>
        _lastSeconds.TryGetValue(instance, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
