using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;
using k8s;

namespace AigcGateway.Core.Kubernetes;

/// <summary>Reads administrator-written manifests the way the catalog reads GameServerSets.</summary>
internal static class AdminManifests
{
    public static ImmutableArray<ConformanceProblem> Conformance(JsonObject manifest, ConformanceRules rules)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var gss = KubernetesJson.Deserialize<GameServerSet>(manifest.ToJsonString());
        gss.Metadata ??= new();
        gss.Metadata.Name ??= "unnamed";
        gss.Spec ??= new();
        return GameServerSetMapper.ToState(gss, rules).Template.Problems;
    }
}
