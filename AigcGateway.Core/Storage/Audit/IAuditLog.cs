using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>
/// Where audited actions go. Both methods return at once (no database call on the caller's path): entries wait in a
/// bounded buffer and are written in batches; while the database is down they stay buffered, and once the buffer is
/// full further entries are dropped and counted (<see cref="IAuditStoreStatus"/>).
/// </summary>
public interface IAuditLog
{
    void Record(AuditEntry entry);

    /// <summary>
    /// Forward auth refused <paramref name="userId"/> on <paramref name="host"/> (<paramref name="instance"/> when the host
    /// is an instance's): counted per user, host and minute, one entry each.
    /// </summary>
    void RecordDenial(string userId, string host, InstanceRef? instance, string? detail);
}
