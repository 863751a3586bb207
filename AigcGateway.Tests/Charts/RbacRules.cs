using AigcGateway.Core.Kubernetes;

namespace AigcGateway.Tests.Charts;

/// <summary>RBAC rules flattened to (API group, resource, verb) triples, so rule sets compare regardless of grouping.</summary>
internal static class RbacRules
{
    public static IReadOnlyList<(string Group, string Resource, string Verb)> Expected() =>
        [.. KubernetesAccess.Rules
            .SelectMany(r => r.Resources.SelectMany(resource => r.Verbs.Select(verb => (r.ApiGroup, resource, verb))))
            .Distinct()];

    public static IReadOnlyList<(string Group, string Resource, string Verb)> Triples(Manifest role) =>
        [.. role.List("rules")
            .SelectMany(rule => rule.Strings("apiGroups").SelectMany(group =>
                rule.Strings("resources").SelectMany(resource => rule.Strings("verbs").Select(verb => (group, resource, verb)))))
            .Distinct()];
}
