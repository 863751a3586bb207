namespace AigcGateway.Core.Instances;

/// <summary>
/// A user's live view: the dashboard at subscription time and every later change (coalesced). Registered atomically,
/// so no change falls between the snapshot and the stream. Dispose to stop.
/// </summary>
public sealed class DashboardSubscription : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    internal DashboardSubscription(UserDashboard snapshot, IAsyncEnumerable<UserDashboard> changes, Func<ValueTask> dispose)
    {
        Snapshot = snapshot;
        Changes = changes;
        _dispose = dispose;
    }

    public UserDashboard Snapshot { get; }

    public IAsyncEnumerable<UserDashboard> Changes { get; }

    public ValueTask DisposeAsync() => _dispose();
}
