namespace AigcGateway.Core.Storage;

/// <summary>Everything the durable store needs: where the database is, and how the audit log uses it.</summary>
public sealed record StorageOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string: for SQLite e.g. <c>Data Source=/var/lib/aigc-gateway/data/gateway.db</c>, for
    /// PostgreSQL e.g. <c>Host=db;Database=aigc_gateway;Username=aigc_gateway;Password=...</c>.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>Audit entries older than this are deleted (by the replica that leads background work).</summary>
    public TimeSpan AuditRetention { get; init; } = TimeSpan.FromDays(400);

    /// <summary>
    /// Audit entries held in memory while they wait to be written (and while the database cannot be reached); past this
    /// they are dropped and counted.
    /// </summary>
    public int AuditBufferCapacity { get; init; } = 10_000;

    /// <summary>At most this many entries are written in one round trip.</summary>
    public int AuditBatchSize { get; init; } = 500;

    /// <summary>Distinct (user, host) pairs of forward-auth denials kept per minute; more are counted in one overflow row.</summary>
    public int DenialKeysPerMinute { get; init; } = 1_000;

    /// <summary>First wait after the database failed; doubled on every further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the leader deletes entries past the retention.</summary>
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>This replica's name in the entries it writes (default: the pod's host name).</summary>
    public string Replica { get; init; } = Environment.MachineName;

    /// <summary>SQLite's connection string for a database file in <paramref name="directory"/>.</summary>
    public static string SqliteFileIn(string directory) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "gateway.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
}
