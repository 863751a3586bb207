using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>
/// A pending operation, when it started, the failure that stopped it (if any) and, for a restart, the uid of the
/// GameServer being replaced (timestamps have one-second precision, so identity tells old from new).
/// </summary>
public sealed record PendingMarker(PendingOperation Operation, DateTimeOffset Started, InstanceDiagnostic? Failure = null, string? ReplacedUid = null);
