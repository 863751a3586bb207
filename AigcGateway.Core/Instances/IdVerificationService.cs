using Microsoft.Extensions.Hosting;

namespace AigcGateway.Core.Instances;

/// <summary>Verifies, whenever GameServers change, that OKG created the ids the ownership record expects.</summary>
internal sealed class IdVerificationService(InstanceService instances) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await instances.RunIdVerificationAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
