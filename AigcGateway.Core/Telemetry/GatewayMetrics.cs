using System.Diagnostics.Metrics;

namespace AigcGateway.Core.Telemetry;

/// <summary>The gateway's own measurements, on the <c>AigcGateway</c> meter (exported by whatever collects .NET metrics).</summary>
public static class GatewayMetrics
{
    public const string MeterName = "AigcGateway";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>409 Conflicts on GameServerSet updates that were retried after re-reading; tagged with <c>template</c> (namespace/name).</summary>
    public static Counter<long> GameServerSetConflicts { get; } = s_meter.CreateCounter<long>(
        "aigc_gateway.gameserverset.conflicts", unit: "{conflict}", description: "409 Conflicts on GameServerSet updates, retried after re-reading");

    /// <summary>Reserved ids released because nothing held them any more (no owner, GameServer, pod or PVC).</summary>
    public static Counter<long> ReservedIdsReleased { get; } = s_meter.CreateCounter<long>(
        "aigc_gateway.reserved_ids.released", unit: "{id}", description: "Reserved GameServer ids released once nothing held them any more");

    public static KeyValuePair<string, object?> Template(object template) => new("template", template.ToString());
}
