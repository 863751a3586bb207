using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>A pending operation, when it started, and the failure that stopped it (if any).</summary>
public sealed record PendingMarker(PendingOperation Operation, DateTimeOffset Started, InstanceDiagnostic? Failure = null);
