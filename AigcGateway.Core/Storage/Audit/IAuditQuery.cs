using AigcGateway.Core.Administration;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>Reads the audit log, newest first, by keyset paging on (time, id). Throws <see cref="StoreUnavailableException"/> when the database cannot answer.</summary>
public interface IAuditQuery
{
    /// <param name="after">the previous page's <see cref="AuditPage.Next"/>; null for the newest entries</param>
    Task<AuditPage> PageAsync(AuditFilter filter, AuditCursor? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>Every matching entry, newest first, read in chunks (for exports of any size).</summary>
    IAsyncEnumerable<AuditEntry> AllAsync(AuditFilter filter, CancellationToken cancellationToken);
}
