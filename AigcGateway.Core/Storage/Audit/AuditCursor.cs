namespace AigcGateway.Core.Storage.Audit;

/// <summary>Where a page of the audit log ended: the (time, id) of its last entry; the next page starts after it.</summary>
public sealed record AuditCursor(DateTimeOffset Time, long Id);
