using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AigcGateway.Core.Storage;

/// <summary>Which exceptions mean "the database cannot be reached or did not answer" (as opposed to a bug).</summary>
internal static class StoreErrors
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        StoreUnavailableException or DbException or DbUpdateException or TimeoutException or SocketException or IOException => true,
        // EF wraps provider failures ("an exception has been raised that is likely due to a transient failure")
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    /// <summary>
    /// The database answers but the gateway's table is not there: it was replaced by an empty one while the gateway ran
    /// (the SQLite file deleted, a fresh PostgreSQL server or database). Migrating again brings the tables back.
    /// </summary>
    public static bool IsMissingTable(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } => true,
        SqliteException { SqliteErrorCode: 1 } sqlite => sqlite.Message.Contains("no such table", StringComparison.Ordinal),
        { InnerException: { } inner } => IsMissingTable(inner),
        _ => false,
    };

    /// <summary>The driver's message, for the admin page and the log (connection strings are never part of it).</summary>
    public static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner && innermost is not DbException)
        {
            innermost = inner;
        }

        return innermost.Message;
    }
}
