using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>Deletes the audit entries older than the retention (run by the replica that leads background work).</summary>
internal sealed partial class AuditPruner(GatewayDatabase database, TimeProvider time, ILogger<AuditPruner> logger)
{
    private const int Chunk = 10_000;

    /// <summary>Deletes in chunks (short transactions); returns how many entries went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = (time.GetUtcNow() - database.Options.AuditRetention).UtcDateTime;
        var total = 0;
        while (true)
        {
            await using var context = database.CreateContext();
            var ids = context.AuditEntries.Where(e => e.Time < cutoff).OrderBy(e => e.Time).Select(e => e.Id).Take(Chunk);
            var deleted = await context.AuditEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < Chunk)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogPruned(logger, total, database.Options.AuditRetention.TotalDays);
        }

        return total;
    }

    /// <summary>Prunes now and then every <see cref="StorageOptions.PruneInterval"/> until cancelled (failures wait for the next round).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && StoreErrors.IsUnavailable(e))
            {
                LogPruneFailed(logger, StoreErrors.Describe(e));
            }

            try
            {
                await Task.Delay(database.Options.PruneInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit entries older than {Days} days")]
    private static partial void LogPruned(ILogger logger, int count, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete old audit entries: {Problem}; trying again at the next round")]
    private static partial void LogPruneFailed(ILogger logger, string problem);
}
