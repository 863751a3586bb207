using System.Collections.Concurrent;
using System.Globalization;
using AigcGateway.Core.Coordination;
using AigcGateway.Core.Telemetry;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>
/// The one way the gateway changes a GameServerSet's replicas, reserve list, ownership record and its own annotations
/// (the lifecycle, adoption, id correction and release, the deletion mark, catalog-entry edits): each change a pure
/// function from the current state (<see cref="TemplatePlan"/>), applied as one update carrying the resourceVersion it
/// was computed from, queued per template within the process, and on 409 re-read, recomputed and retried (bounded,
/// with jitter). Retried conflicts leave a trace (<see cref="ConflictTrace"/>).
/// </summary>
internal sealed partial class TemplateWriter(SnapshotHub hub, ITemplateStore store, LifecycleOptions options, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<TemplateRef, TemplateQueue> _queues = new();
    private readonly RetryBackoff _backoff = new(options.RetryBaseDelay, options.MaxRetryDelay);

    /// <summary>
    /// Computes the write with <paramref name="plan"/> from the newest known state (the last write of this process or
    /// the snapshot, whichever is newer) and writes it; no write when the plan has none.
    /// Every write is checked against what OKG will run after it (<see cref="LifecycleInvariant"/>); a refused write is
    /// judged once more on a fresh read, since the cached basis may be older than the GameServers the snapshot shows.
    /// <paramref name="written"/> sees the state the write returned.
    /// </summary>
    public async Task<OperationResult> UpdateAsync(
        TemplateRef template, Func<TemplateState, TemplatePlan> plan, CancellationToken cancellationToken, Action<TemplateState>? written = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(plan);
        var queue = _queues.GetOrAdd(template, _ => new TemplateQueue());
        await queue.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var basis = Newest(queue.LastWritten, hub.Current.Templates.GetValueOrDefault(template));
            var rechecked = false;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    basis ??= await store.ReadAsync(template, cancellationToken).ConfigureAwait(false);
                    if (basis is null)
                    {
                        return OperationResult.Fail(OperationError.TemplateNotFound);
                    }

                    var (change, result) = plan(basis);
                    if (change is null)
                    {
                        return result;
                    }

                    if (change.Write is not null && basis.OwnershipUnreadable)
                    {
                        // a write would replace a record nobody can read: fail closed until an administrator repairs it
                        return OperationResult.Fail(OperationError.TemplateNotInstallable);
                    }

                    if (change.Write is { } write
                        && LifecycleInvariant.Check(basis, write, OkgSettlement.Present(hub.Current, template)) is { } violation)
                    {
                        if (rechecked)
                        {
                            return LifecycleRefusal.Refuse(logger, template, result, violation);
                        }

                        (rechecked, basis, queue.LastWritten) = (true, null, null);
                        continue;
                    }

                    queue.LastWritten = await store.WriteAsync(basis, change, cancellationToken).ConfigureAwait(false);
                    written?.Invoke(queue.LastWritten);
                    return result;
                }
                catch (ClusterConflictException)
                {
                    queue.LastWritten = null;
                    basis = null;
                    if (attempt >= options.MaxAttempts)
                    {
                        LogGaveUp(template, attempt);
                        return OperationResult.Fail(OperationError.Busy);
                    }

                    ConflictTrace.Retried(logger, template, attempt);
                    // Within one process writes to a template are already queued, so a first conflict is most often
                    // the OKG controller's status update: re-read at once. Later ones back off with jitter (other
                    // replicas compete).
                    if (attempt > 1)
                    {
                        await Task.Delay(_backoff.Delay(attempt - 1), time, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (ClusterException ex)
                {
                    queue.LastWritten = null;
                    LogFailed(ex, template);
                    return OperationResult.Fail(OperationError.ClusterError, null, ex.Message);
                }
            }
        }
        finally
        {
            queue.Gate.Release();
        }
    }

    private static TemplateState? Newest(TemplateState? written, TemplateState? cached)
    {
        if (written is null || cached is null)
        {
            return written ?? cached;
        }

        return long.TryParse(written.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && long.TryParse(cached.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            && c > w
            ? cached
            : written;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up updating {Template} after {Attempts} conflicts")]
    private partial void LogGaveUp(TemplateRef template, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating {Template} failed")]
    private partial void LogFailed(Exception exception, TemplateRef template);

    private sealed class TemplateQueue
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public TemplateState? LastWritten { get; set; }
    }
}
