using System.Threading.Channels;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Holds the current <see cref="ClusterSnapshot"/> and wakes subscribers on change. A subscriber's signal channel
/// holds at most one pending signal, so bursts of changes coalesce into one wake-up.
/// </summary>
internal sealed class SnapshotHub
{
    private readonly Lock _lock = new();
    private readonly List<Channel<bool>> _subscribers = [];
    private ClusterSnapshot _current = ClusterSnapshot.Empty;

    public ClusterSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Replaces the snapshot (the version is increased here) and wakes every subscriber.</summary>
    public ClusterSnapshot Publish(Func<ClusterSnapshot, ClusterSnapshot> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            var next = update(_current);
            next = next with { Version = _current.Version + 1 };
            Volatile.Write(ref _current, next);
            Signal();
            return next;
        }
    }

    /// <summary>Wakes subscribers without a snapshot change (e.g. an operation started in this process).</summary>
    public void Touch()
    {
        lock (_lock)
        {
            Signal();
        }
    }

    /// <summary>The current snapshot and a signal reader registered atomically with it.</summary>
    public (ClusterSnapshot Snapshot, ChannelReader<bool> Signals, Action Unsubscribe) Subscribe()
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
            return (_current, channel.Reader, () =>
            {
                lock (_lock)
                {
                    _subscribers.Remove(channel);
                }

                channel.Writer.TryComplete();
            });
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the current snapshot, or the timeout passes.</summary>
    public async Task<bool> WaitForAsync(Func<ClusterSnapshot, bool> condition, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var (snapshot, signals, unsubscribe) = Subscribe();
        try
        {
            if (condition(snapshot))
            {
                return true;
            }

            using var timeoutSource = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            try
            {
                while (await signals.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    signals.TryRead(out _);
                    if (condition(Current))
                    {
                        return true;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return condition(Current);
            }

            return false;
        }
        finally
        {
            unsubscribe();
        }
    }

    private void Signal()
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(true);
        }
    }
}
