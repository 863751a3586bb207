using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;
using k8s;

namespace AigcGateway.Core.Kubernetes;

/// <summary>Reads administrator-written manifests the way the catalog reads GameServerSets.</summary>
internal static class AdminManifests
{
    /// <summary>Annotation set while a template deletion runs: its value is the chosen volume handling.</summary>
    public const string Deletion = "aigc-gateway.io/deletion";

    public static ImmutableArray<ConformanceProblem> Conformance(JsonObject manifest, ConformanceRules rules)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var gss = KubernetesJson.Deserialize<GameServerSet>(manifest.ToJsonString());
        gss.Metadata ??= new();
        gss.Metadata.Name ??= "unnamed";
        gss.Spec ??= new();
        return GameServerSetMapper.ToState(gss, rules).Template.Problems;
    }

    /// <summary>The deletion marker of a template read by the cache, if a deletion started.</summary>
    public static string? DeletionMark(TemplateState state) =>
        state?.Source is GameServerSet gss && gss.Metadata.Annotations?.TryGetValue(Deletion, out var mark) == true ? mark : null;
}
