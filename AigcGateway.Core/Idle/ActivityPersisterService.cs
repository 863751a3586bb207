using AigcGateway.Core.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Idle;

/// <summary>Every replica persists its own forward-auth stamps (<see cref="ActivityPersister"/>) for the life of the process.</summary>
internal sealed class ActivityPersisterService(ActivityPersister persister, TimeProvider time, ILogger<ActivityPersisterService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ResilientLoop.RunAsync("last-activity persister", ct => persister.RunAsync(time, ct), RetryBackoff.Default, time, logger, stoppingToken);
}
