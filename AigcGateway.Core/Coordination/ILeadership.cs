namespace AigcGateway.Core.Coordination;

/// <summary>
/// One replica at a time does the background work that must not run twice (the Logto mirror reconciler, later idle
/// auto-pause): the one that holds the Kubernetes Lease.
/// </summary>
public interface ILeadership
{
    /// <summary>
    /// Competes for the lease until cancelled; runs <paramref name="work"/> while this replica holds it and cancels the
    /// work's token when the lease is lost (then competes again).
    /// </summary>
    Task RunWhileLeadingAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken);
}
