namespace AigcGateway.Core.Storage;

/// <summary>Which database holds the gateway's history and settings (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file (one replica, demo mode): the default when nothing is configured.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by every replica.</summary>
    PostgreSql,
}
