using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AigcGateway.Core.Storage;

/// <summary>
/// The configured database: makes a context per unit of work (one provider, options built once) and knows how to
/// reach the server without EF (the migration lock).
/// </summary>
internal sealed class GatewayDatabase
{
    private readonly DbContextOptions _options;

    public GatewayDatabase(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _options = options.Provider == DatabaseProvider.PostgreSql
            ? new DbContextOptionsBuilder<PostgreSqlGatewayDbContext>().UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")).Options
            : new DbContextOptionsBuilder<SqliteGatewayDbContext>().UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history")).Options;
    }

    public StorageOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    public GatewayDbContext CreateContext() => Provider == DatabaseProvider.PostgreSql
        ? new PostgreSqlGatewayDbContext((DbContextOptions<PostgreSqlGatewayDbContext>)_options)
        : new SqliteGatewayDbContext((DbContextOptions<SqliteGatewayDbContext>)_options);

    /// <summary>The SQLite file's directory, created when missing (null on PostgreSQL or for an in-memory SQLite).</summary>
    public string? EnsureSqliteDirectory()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return directory;
    }
}
