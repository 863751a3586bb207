namespace AigcGateway.Core.Coordination;

/// <summary>
/// One piece of background work that must not run twice across replicas (the Logto mirror reconciler, the release of
/// reserved ids, the audit retention pruning). Registered as a singleton; <see cref="LeaderWorkService"/> runs every
/// registered task under one election of the Lease, restarting a task that fails.
/// </summary>
/// <param name="Name">what the logs call it</param>
/// <param name="RunAsync">runs until the token is cancelled (the lease lost or the host stopping)</param>
public sealed record LeaderTask(string Name, Func<CancellationToken, Task> RunAsync);
