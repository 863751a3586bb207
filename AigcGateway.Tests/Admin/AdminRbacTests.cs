using AigcGateway.Core.Kubernetes;

namespace AigcGateway.Tests.Admin;

public sealed class AdminRbacTests
{
    /// <summary>Every call of the administration's adapter (KubernetesTemplateAdminStore), as (API group, resource, verb).</summary>
    public static TheoryData<string, string, string> AdminStoreCalls => new()
    {
        { "game.kruise.io", "gameserversets", "get" },
        { "game.kruise.io", "gameserversets", "create" },
        { "game.kruise.io", "gameserversets", "update" },
        { "game.kruise.io", "gameserversets", "delete" },
        { "", "events", "create" },
        { "", "events", "list" },
        { "", "persistentvolumeclaims", "delete" },
    };

    [Theory]
    [MemberData(nameof(AdminStoreCalls))]
    public void Every_call_of_the_administration_is_granted_by_the_rbac_rules(string group, string resource, string verb)
    {
        KubernetesAccess.Rules.ShouldContain(r => r.ApiGroup == group && r.Resources.Contains(resource) && r.Verbs.Contains(verb));
    }
}
