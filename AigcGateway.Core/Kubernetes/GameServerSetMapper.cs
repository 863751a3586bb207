using System.Globalization;
using System.Text.Json;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using k8s;

namespace AigcGateway.Core.Kubernetes;

/// <summary>Pure mapping between the GameServerSet model and the domain.</summary>
internal static class GameServerSetMapper
{
    private const string GpuCount = "nvidia.com/gpu";
    private const string GpuMemory = "aliyun.com/gpu-mem";

    public static TemplateRef RefOf(GameServerSet gss) => new(gss.Metadata.NamespaceProperty ?? "default", gss.Metadata.Name);

    /// <param name="rules">what conformance compares the template with (this gateway's public URL)</param>
    public static TemplateState ToState(GameServerSet gss, ConformanceRules rules)
    {
        ArgumentNullException.ThrowIfNull(gss);
        var annotations = gss.Metadata.Annotations;
        var rawIds = gss.Spec.ReserveGameServerIds ?? [];
        var reserve = ReserveIdSet.Parse(rawIds.Select(RawItem));
        var owners = OwnershipRecord.Parse(Annotation(annotations, TemplateAnnotations.Owners));
        var network = new TemplateNetwork(
            gss.Spec.Network?.NetworkType ?? string.Empty,
            [.. (gss.Spec.Network?.NetworkConf ?? []).Where(c => c.Name is not null).Select(c => new NetworkSetting(c.Name!, c.Value ?? string.Empty))]);
        var claims = gss.Spec.GameServerTemplate?.VolumeClaimTemplates ?? [];
        var shape = new TemplateShape(
            gss.Spec.ScaleStrategy?.ScaleDownStrategyType,
            gss.Spec.PersistentVolumeClaimRetentionPolicy?.WhenScaled,
            claims.Count,
            network,
            reserve.Problems,
            owners.Problems);
        var display = TemplateDisplay.Read(key => Annotation(annotations, key));
        var template = new Template
        {
            Ref = RefOf(gss),
            DisplayName = display.DisplayName ?? gss.Metadata.Name,
            Description = display.Description,
            Icon = display.Icon,
            GpuType = display.GpuType,
            IdleTimeout = ParseDuration(Annotation(annotations, TemplateAnnotations.IdleTimeout)),
            MaxKeepRunning = ParseDuration(Annotation(annotations, TemplateAnnotations.MaxKeepRunning)),
            BusyGpuPercent = ParsePercent(Annotation(annotations, TemplateAnnotations.BusyGpuPercent)),
            Resources = Resources(gss.Spec.GameServerTemplate),
            Network = network,
            Problems = [.. ConformanceChecker.Check(shape, rules), .. display.Problems],
            DataVolumeNames = [.. claims.Select(ClaimName).OfType<string>()],
        };
        return new TemplateState
        {
            Template = template,
            Replicas = gss.Spec.Replicas ?? 0,
            Reserved = reserve.Ids,
            Owners = owners.Owners,
            ResourceVersion = gss.Metadata.ResourceVersion ?? string.Empty,
            ReserveFormat = rawIds.Any(e => e.ValueKind == JsonValueKind.String) ? ReserveIdFormat.Ranges : ReserveIdFormat.Plain,
            MirrorMarks = Users.MirrorMarkAnnotations.Read(annotations),
            CatalogDisplay = CatalogDisplay.Read(key => Annotation(annotations, key)),
            Deletion = TemplateAnnotations.ParseDeletion(Annotation(annotations, TemplateAnnotations.Deletion)),
            AutoPauses = Idle.AutoPauseAnnotations.Read(annotations),
            Source = gss,
        };
    }

    /// <summary>A copy of <paramref name="original"/> (unknown fields kept) with the change applied; resourceVersion unchanged.</summary>
    public static GameServerSet ApplyWrite(GameServerSet original, TemplateChange change)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(change);
        var copy = KubernetesJson.Deserialize<GameServerSet>(KubernetesJson.Serialize(original));
        copy.Metadata.Annotations ??= new Dictionary<string, string>();
        foreach (var (key, value) in change.Annotations)
        {
            if (value is null)
            {
                copy.Metadata.Annotations.Remove(key);
            }
            else
            {
                copy.Metadata.Annotations[key] = value;
            }
        }

        if (change.Write is not { } write)
        {
            return copy;
        }

        copy.Spec.Replicas = write.Replicas;
        copy.Spec.ReserveGameServerIds = [.. write.Reserved.ToItems(write.ReserveFormat).Select(ToJson)];
        if (write.Owners.IsEmpty)
        {
            copy.Metadata.Annotations.Remove(TemplateAnnotations.Owners);
        }
        else
        {
            copy.Metadata.Annotations[TemplateAnnotations.Owners] = OwnershipRecord.Format(write.Owners);
        }

        return copy;
    }

    internal static string RawItem(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.String => item.GetString() ?? string.Empty,
        JsonValueKind.Number => item.GetRawText(),
        _ => item.GetRawText(),
    };

    private static JsonElement ToJson(ReserveIdRange range) =>
        range.IsSingle ? JsonSerializer.SerializeToElement(range.Start) : JsonSerializer.SerializeToElement(range.ToString());

    private static ResourceSummary Resources(GameServerTemplate? template)
    {
        int? gpus = null, gpuMemory = null;
        string? cpu = null, memory = null;
        if (template?.Spec is { ValueKind: JsonValueKind.Object } spec
            && spec.TryGetProperty("containers", out var containers) && containers.ValueKind == JsonValueKind.Array)
        {
            foreach (var container in containers.EnumerateArray())
            {
                if (!container.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var limits = Section(resources, "limits");
                var requests = Section(resources, "requests");
                gpus = Add(gpus, Integer(Value(limits, GpuCount) ?? Value(requests, GpuCount)));
                gpuMemory = Add(gpuMemory, Integer(Value(limits, GpuMemory) ?? Value(requests, GpuMemory)));
                cpu ??= Value(limits, "cpu") ?? Value(requests, "cpu");
                memory ??= Value(limits, "memory") ?? Value(requests, "memory");
            }
        }

        string? volume = null;
        var first = template?.VolumeClaimTemplates?.FirstOrDefault();
        if (first is { ValueKind: JsonValueKind.Object } claim
            && claim.TryGetProperty("spec", out var claimSpec) && claimSpec.ValueKind == JsonValueKind.Object
            && claimSpec.TryGetProperty("resources", out var claimResources) && claimResources.ValueKind == JsonValueKind.Object)
        {
            volume = Value(Section(claimResources, "requests"), "storage");
        }

        return new ResourceSummary(gpus, gpuMemory, cpu, memory, volume);
    }

    private static JsonElement? Section(JsonElement resources, string name) =>
        resources.TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Object ? section : null;

    private static string? Value(JsonElement? section, string name) =>
        section is { } s && s.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        }
        : null;

    private static int? Integer(string? quantity) =>
        int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? Add(int? total, int? value) => value is null ? total : (total ?? 0) + value;

    private static string? ClaimName(JsonElement claim) =>
        claim.ValueKind == JsonValueKind.Object && claim.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private static string? Annotation(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>Reads <c>2h</c>, <c>30m</c>, <c>1h30m</c>, <c>45s</c>; anything else means "never".</summary>
    internal static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var number = 0L;
        var digits = false;
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                number = (number * 10) + (c - '0');
                digits = true;
                if (number > 1_000_000)
                {
                    return null;
                }

                continue;
            }

            if (!digits)
            {
                return null;
            }

            total += c switch
            {
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                's' => TimeSpan.FromSeconds(number),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
            {
                return null;
            }

            number = 0;
            digits = false;
        }

        return digits || total <= TimeSpan.Zero ? null : total;
    }

    /// <summary>A percentage from 0 to 100 (<c>"10"</c>, <c>"12.5"</c>); null when absent or out of range.</summary>
    internal static double? ParsePercent(string? text) =>
        double.TryParse(text?.Trim().TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100
            ? value
            : null;
}
