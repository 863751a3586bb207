using AigcGateway.Core.Storage;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AigcGateway.Tests.Storage;

/// <summary>The audit store on a real PostgreSQL server (the run's shared server, a fresh database per test).</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class PostgreSqlAuditStoreTests(PostgresFixture postgres) : AuditStoreContract
{
    protected override async Task<StorageOptions> NewDatabaseAsync() => new()
    {
        Provider = DatabaseProvider.PostgreSql,
        ConnectionString = await postgres.CreateDatabaseAsync(Token),
    };

    /// <summary>Everything in the database dropped (tables, migration history, extension), as on a fresh server.</summary>
    protected override async Task ReplaceWithEmptyAsync(StorageOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
        await command.ExecuteNonQueryAsync(Token);
    }

    [Fact]
    public async Task A_replica_migrates_only_once_the_other_has_released_the_migration_lock()
    {
        var options = await NewDatabaseAsync();
        await using var other = new NpgsqlConnection(options.ConnectionString);
        await other.OpenAsync(Token);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", other))
        {
            lockCommand.Parameters.AddWithValue("key", DatabaseMigrator.AdvisoryLockKey);
            await lockCommand.ExecuteScalarAsync(Token);
        }

        var database = new GatewayDatabase(options);
        var migrating = new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(Token);
        // the migrator is connected and waiting on the lock: PostgreSQL shows its session waiting for an advisory lock
        await Eventually.HoldsAsync(
            async () => await WaitingForAdvisoryLockAsync(other) > 0,
            "the migrator waits for the advisory lock");
        migrating.IsCompleted.ShouldBeFalse();

        await using (var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", other))
        {
            unlock.Parameters.AddWithValue("key", DatabaseMigrator.AdvisoryLockKey);
            await unlock.ExecuteScalarAsync(Token);
        }

        await migrating.WaitAsync(TimeSpan.FromSeconds(60), Token);
        await using var context = database.CreateContext();
        (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(context.Database, Token)).ShouldBeEmpty();
    }

    private static async Task<long> WaitingForAdvisoryLockAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
