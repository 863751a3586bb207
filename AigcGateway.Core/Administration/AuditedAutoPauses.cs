using System.Globalization;
using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The gateway's pauses of idle instances in the <see cref="AuditTrail"/>: actor the gateway, action "paused (idle)", with the
/// owner, the last activity, the timeout and what was measured in the detail.
/// </summary>
internal sealed class AuditedAutoPauses(AuditTrail audit) : IAutoPauseAudit
{
    public const string Actor = "gateway";

    public Task RecordAsync(InstanceRef instance, string owner, AutoPauseRecord record, OperationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        return audit.RecordAsync(Actor, "paused (idle)", instance.Template, instance.ToString(), result.Succeeded, Detail(owner, record, result), cancellationToken);
    }

    /// <summary>e.g. <c>reason: idle; owner: alice; last active: 2026-12-03T13:40:00Z; timeout: 2h; measured: GPU 0.5 %, CPU 0.010 cores at ...</c>.</summary>
    public static string Detail(string owner, AutoPauseRecord record, OperationResult result)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        var lastActive = record.LastActive is { } last ? IdleAnnotations.Format(last) : "never";
        var measured = record.Measured is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"GPU {Value(m.GpuPercent, "F1")} %, CPU {Value(m.CpuCores, "F3")} cores at {IdleAnnotations.Format(m.At)}")
            : "not measured";
        var detail = $"reason: idle; owner: {owner}; last active: {lastActive}; timeout: {TemplateManifestBuilder.FormatDuration(record.Timeout)}; measured: {measured}";
        return result.Succeeded ? detail : $"{detail}; error: {result.Error} {result.Detail}".TrimEnd();
    }

    private static string Value(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";
}
