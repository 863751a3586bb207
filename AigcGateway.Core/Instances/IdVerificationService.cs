using AigcGateway.Core.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>Verifies, whenever GameServers change, that OKG created the ids the ownership record expects.</summary>
internal sealed class IdVerificationService(InstanceService instances, TimeProvider time, ILogger<IdVerificationService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ResilientLoop.RunAsync("id verification", instances.Verification.RunAsync, RetryBackoff.Default, time, logger, stoppingToken);
}
