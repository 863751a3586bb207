using AigcGateway.Core.Kubernetes;

namespace AigcGateway.Tests.Core;

public sealed class KubernetesAccessTests
{
    /// <summary>Every call the adapter (KubernetesClientApi) makes, as (API group, resource, verb).</summary>
    public static TheoryData<string, string, string> AdapterCalls => new()
    {
        { "game.kruise.io", "gameserversets", "list" },
        { "game.kruise.io", "gameserversets", "watch" },
        { "game.kruise.io", "gameserversets", "get" },
        { "game.kruise.io", "gameserversets", "update" },
        { "game.kruise.io", "gameservers", "list" },
        { "game.kruise.io", "gameservers", "watch" },
        { "", "pods", "list" },
        { "", "pods", "watch" },
        { "", "pods", "delete" },
        { "", "events", "list" },
        { "", "events", "watch" },
        { "", "persistentvolumeclaims", "list" },
        { "", "persistentvolumeclaims", "watch" },
        { "", "persistentvolumeclaims", "delete" },
        { "", "persistentvolumeclaims", "get" },
    };

    /// <summary>Every call of the session revocation adapter (KubernetesSessionRevocations): one ConfigMap.</summary>
    public static TheoryData<string, string, string> SessionRevocationCalls => new()
    {
        { "", "configmaps", "get" },
        { "", "configmaps", "list" },
        { "", "configmaps", "watch" },
        { "", "configmaps", "create" },
        { "", "configmaps", "update" },
    };

    /// <summary>Every call of the idle auto-pause (KubernetesGameServerAnnotations): merge and JSON patches of GameServers.</summary>
    public static TheoryData<string, string, string> IdleCalls => new()
    {
        { "game.kruise.io", "gameservers", "patch" },
    };

    [Theory]
    [MemberData(nameof(IdleCalls))]
    public void Every_call_of_the_idle_auto_pause_is_granted_by_the_rbac_rules(string group, string resource, string verb)
    {
        KubernetesAccess.Rules.ShouldContain(r => r.ApiGroup == group && r.Resources.Contains(resource) && r.Verbs.Contains(verb));
    }

    [Theory]
    [MemberData(nameof(SessionRevocationCalls))]
    public void Every_call_of_the_session_revocations_is_granted_by_the_rbac_rules(string group, string resource, string verb)
    {
        KubernetesAccess.Rules.ShouldContain(r => r.ApiGroup == group && r.Resources.Contains(resource) && r.Verbs.Contains(verb));
    }

    [Theory]
    [MemberData(nameof(AdapterCalls))]
    public void Every_call_of_the_adapter_is_granted_by_the_rbac_rules(string group, string resource, string verb)
    {
        KubernetesAccess.Rules.ShouldContain(r => r.ApiGroup == group && r.Resources.Contains(resource) && r.Verbs.Contains(verb));
    }
}
