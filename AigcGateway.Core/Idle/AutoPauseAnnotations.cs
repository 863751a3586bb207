using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AigcGateway.Core.Idle;

/// <summary>
/// The automatic-pause records on a GameServerSet: one annotation per id, <c>auto-pause.aigc-gateway.io/&lt;id&gt;</c>, whose
/// value is a small JSON object (paused at, last active, timeout, what was measured).
/// </summary>
public static class AutoPauseAnnotations
{
    public const string Prefix = "auto-pause.aigc-gateway.io/";

    public static string KeyFor(int id) => Prefix + id.ToString(CultureInfo.InvariantCulture);

    public static string Format(AutoPauseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = new JsonObject
        {
            ["pausedAt"] = IdleAnnotations.Format(record.PausedAt),
            ["timeoutSeconds"] = (long)record.Timeout.TotalSeconds,
        };
        if (record.LastActive is { } last)
        {
            json["lastActive"] = IdleAnnotations.Format(last);
        }

        if (record.Measured is { } measured)
        {
            json["measuredAt"] = IdleAnnotations.Format(measured.At);
            if (measured.GpuPercent is { } gpu)
            {
                json["gpuPercent"] = Math.Round(gpu, 1);
            }

            if (measured.CpuCores is { } cpu)
            {
                json["cpuCores"] = Math.Round(cpu, 3);
            }
        }

        return json.ToJsonString();
    }

    /// <summary>null when the value is not a record (a hand-edited annotation is ignored).</summary>
    public static AutoPauseRecord? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(value) is not JsonObject json || IdleAnnotations.Parse(Text(json, "pausedAt")) is not { } pausedAt)
            {
                return null;
            }

            var measured = IdleAnnotations.Parse(Text(json, "measuredAt")) is { } at
                ? new UsageSample(at, Number(json, "gpuPercent"), Number(json, "cpuCores"))
                : null;
            return new AutoPauseRecord(pausedAt, IdleAnnotations.Parse(Text(json, "lastActive")), TimeSpan.FromSeconds(Number(json, "timeoutSeconds") ?? 0), measured);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>Every readable record among <paramref name="annotations"/>, by id.</summary>
    public static ImmutableDictionary<int, AutoPauseRecord> Read(IDictionary<string, string>? annotations)
    {
        if (annotations is null)
        {
            return ImmutableDictionary<int, AutoPauseRecord>.Empty;
        }

        var records = ImmutableDictionary.CreateBuilder<int, AutoPauseRecord>();
        foreach (var (key, value) in annotations)
        {
            if (key.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && Parse(value) is { } record)
            {
                records[id] = record;
            }
        }

        return records.ToImmutable();
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static double? Number(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : null;
}
