using AigcGateway.Core.Storage;

namespace AigcGateway.Web.Configuration;

/// <summary>
/// The <c>Database</c> section and <c>ConnectionStrings:Gateway</c> (docs/configuration.md): where the gateway keeps
/// its history (the audit log) and settings. Kubernetes stays the source of truth for templates, instances and owners.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The connection string's key (<c>ConnectionStrings:Gateway</c>).</summary>
    public const string ConnectionStringName = "Gateway";

    /// <summary><c>Sqlite</c> (embedded, one replica; the default) or <c>PostgreSql</c> (several replicas).</summary>
    public string? Provider { get; set; }

    /// <summary>Where SQLite's file goes when no connection string is given (default: see <see cref="DefaultDataDirectory"/>).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Audit entries older than this many days are deleted.</summary>
    public int AuditRetentionDays { get; set; } = 400;

    /// <summary>Audit entries held in memory while the database cannot be reached; more are dropped and counted.</summary>
    public int AuditBufferCapacity { get; set; } = 10_000;

    /// <summary>
    /// PostgreSQL's password, put into the connection string by the gateway (the chart passes it from a Secret, so it is
    /// neither in the pod spec nor in <c>ConnectionStrings:Gateway</c>); optional.
    /// </summary>
    public string? Password { get; set; }

    /// <summary><c>ConnectionStrings:Gateway</c> (filled in from configuration, not from this section).</summary>
    public string? ConnectionString { get; set; }

    /// <summary><see cref="Provider"/> parsed (Sqlite when not set); null when it names no provider.</summary>
    public DatabaseProvider? ParsedProvider => string.IsNullOrWhiteSpace(Provider)
        ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(Provider.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider : null;

    /// <summary>
    /// Development (demo mode): the user's local data directory (or the temp directory); elsewhere
    /// <c>/var/lib/aigc-gateway/data</c>, where the chart mounts the volume.
    /// </summary>
    public static string DefaultDataDirectory(bool development)
    {
        if (!development)
        {
            return "/var/lib/aigc-gateway/data";
        }

        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "aigc-gateway");
    }
}
