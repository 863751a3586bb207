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

    /// <summary>Failed GPU/CPU measurements (Prometheus unreachable or answering an error); no instance is paused for want of one.</summary>
    public static Counter<long> UsageMeterFailures { get; } = s_meter.CreateCounter<long>(
        "aigc_gateway.idle.meter_failures", unit: "{failure}", description: "Failed GPU/CPU measurements for the idle policy");

    /// <summary>Instances the gateway paused because they were idle.</summary>
    public static Counter<long> IdlePauses { get; } = s_meter.CreateCounter<long>(
        "aigc_gateway.idle.pauses", unit: "{pause}", description: "Instances paused automatically because they were idle");

    public static KeyValuePair<string, object?> Template(object template) => new("template", template.ToString());
}
