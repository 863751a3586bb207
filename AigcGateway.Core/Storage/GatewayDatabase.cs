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

    /// <summary>
    /// True when the SQLite file was deleted while the gateway ran. Pooled connections would go on writing to the deleted
    /// file, so they are dropped: the next connection creates an empty file, to be migrated again.
    /// </summary>
    public bool SqliteFileReplaced()
    {
        if (Provider != DatabaseProvider.Sqlite || SqliteFile() is not { } file || File.Exists(file))
        {
            return false;
        }

        SqliteConnection.ClearPool(new SqliteConnection(Options.ConnectionString));
        return true;
    }

    private string? SqliteFile()
    {
        var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" ? null : Path.GetFullPath(file);
    }

    /// <summary>The SQLite file's directory, created when missing (null on PostgreSQL or for an in-memory SQLite).</summary>
    public string? EnsureSqliteDirectory()
    {
        if (Provider != DatabaseProvider.Sqlite || SqliteFile() is not { } file)
        {
            return null;
        }

        var directory = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return directory;
    }
}
