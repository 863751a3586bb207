using System.Collections.Immutable;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>One resource the emulated API server serves.</summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    ImmutableArray<string> ShortNames,
    bool HasStatus,
    bool ReadOnly = false,
    bool IsCustom = false)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Resource name as error messages spell it: <c>pods</c>, <c>gameserversets.game.kruise.io</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public ImmutableArray<string> Verbs => ReadOnly
        ? ["get", "list", "watch"]
        : ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static ResourceType Pods { get; } = new("", "v1", "pods", "pod", "Pod", true, ["po"], true);
    public static ResourceType PersistentVolumeClaims { get; } =
        new("", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ["pvc"], true);
    public static ResourceType Events { get; } = new("", "v1", "events", "event", "Event", true, ["ev"], false);
    public static ResourceType ConfigMaps { get; } = new("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"], false);
    public static ResourceType Namespaces { get; } = new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], true);
    public static ResourceType Leases { get; } = new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, [], false);
    public static ResourceType GameServerSets { get; } =
        new("game.kruise.io", "v1alpha1", "gameserversets", "gameserverset", "GameServerSet", true, ["gss"], true, IsCustom: true);
    public static ResourceType GameServers { get; } =
        new("game.kruise.io", "v1alpha1", "gameservers", "gameserver", "GameServer", true, ["gs"], true, IsCustom: true);
    public static ResourceType CustomResourceDefinitions { get; } = new(
        "apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition",
        false, ["crd", "crds"], true, ReadOnly: true);

    public static ImmutableArray<ResourceType> All { get; } =
        [Pods, PersistentVolumeClaims, Events, ConfigMaps, Namespaces, Leases, GameServerSets, GameServers, CustomResourceDefinitions];
}
