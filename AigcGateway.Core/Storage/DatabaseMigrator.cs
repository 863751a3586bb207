using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AigcGateway.Core.Storage;

/// <summary>
/// Brings the database to the latest migration. On PostgreSQL the replicas that start together take turns under a
/// session advisory lock (the first migrates, the others find nothing left to do); SQLite serves one replica.
/// </summary>
internal sealed partial class DatabaseMigrator(GatewayDatabase database, ILogger<DatabaseMigrator> logger)
{
    /// <summary>The advisory lock every gateway replica takes around migrations ("AIGCGWDB").</summary>
    internal const long AdvisoryLockKey = 0x41494743_47574442;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(database.Options.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken).ConfigureAwait(false);
            try
            {
                await MigrateWithEfAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // closing the session releases it too; unlock explicitly so a pooled connection does not keep it
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None).ConfigureAwait(false);
            }
        }
        else
        {
            database.EnsureSqliteDirectory();
            await MigrateWithEfAsync(cancellationToken).ConfigureAwait(false);
            await using var context = database.CreateContext();
            // readers (the audit page) and the writer do not block each other
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MigrateWithEfAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        LogMigrating(logger, database.Provider, pending.Count, string.Join(", ", pending));
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrating the {Provider} database: {Count} migration(s) to apply ({Migrations})")]
    private static partial void LogMigrating(ILogger logger, DatabaseProvider provider, int count, string migrations);
}
