using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// Failed mirror writes, one per user and template (a newer intent replaces an older one), with exponential backoff
/// and jitter. All customData writes of the mirror and the reconciler go through <see cref="WriteLockAsync"/>, so a
/// retry never overwrites a newer write.
/// </summary>
public sealed class MirrorWriteQueue(TimeProvider timeProvider) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<(string UserId, TemplateRef Template), PendingMirrorWrite> _pending = [];
    private long _sequence;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Everything waiting, for the administration pages.</summary>
    public ImmutableArray<PendingMirrorWrite> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending.Values.OrderBy(p => p.DueAt)];
            }
        }
    }

    public async Task<IDisposable> WriteLockAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_writeLock);
    }

    /// <summary>Queues (or replaces) the write after its first failed attempt.</summary>
    public void Enqueue(string userId, TemplateRef template, JsonObject? value, string error)
    {
        lock (_gate)
        {
            var attempts = _pending.TryGetValue((userId, template), out var old) ? old.Attempts : 0;
            var now = timeProvider.GetUtcNow();
            _pending[(userId, template)] = new PendingMirrorWrite(userId, template, value, ++_sequence, attempts + 1,
                now + Backoff(attempts + 1), error, old?.FirstFailed ?? now);
        }
    }

    /// <summary>A newer write of this entry succeeded: the pending one is obsolete.</summary>
    public void Forget(string userId, TemplateRef template)
    {
        lock (_gate)
        {
            _pending.Remove((userId, template));
        }
    }

    public bool IsPending(string userId, TemplateRef template)
    {
        lock (_gate)
        {
            return _pending.ContainsKey((userId, template));
        }
    }

    internal ImmutableArray<PendingMirrorWrite> Due()
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            return [.. _pending.Values.Where(p => p.DueAt <= now).OrderBy(p => p.DueAt)];
        }
    }

    /// <summary>Marks a retry's result, unless a newer intent replaced the item meanwhile.</summary>
    internal void Completed(PendingMirrorWrite item, bool succeeded, string? error)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue((item.UserId, item.Template), out var current) || current.Sequence != item.Sequence)
            {
                return;
            }

            if (succeeded)
            {
                _pending.Remove((item.UserId, item.Template));
                return;
            }

            _pending[(item.UserId, item.Template)] = current with
            {
                Attempts = current.Attempts + 1,
                DueAt = timeProvider.GetUtcNow() + Backoff(current.Attempts + 1),
                LastError = error ?? current.LastError,
            };
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = BaseDelay * Math.Pow(2, Math.Min(attempts - 1, 16));
        var capped = exponential < MaxDelay ? exponential : MaxDelay;
        return capped * (0.8 + (0.4 * Random.Shared.NextDouble()));
    }

    public void Dispose() => _writeLock.Dispose();

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
