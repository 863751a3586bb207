namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// The emulator's host ignores Ctrl+C and SIGTERM (a console lifetime would catch them): the process that embeds it
/// decides when to stop and disposes the emulator.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
