using System.Collections.Immutable;
using AigcGateway.Core.Administration;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>One page of the audit log, newest first, and the cursor of the next (older) page when there is one.</summary>
public sealed record AuditPage(ImmutableArray<AuditEntry> Entries, AuditCursor? Next);
