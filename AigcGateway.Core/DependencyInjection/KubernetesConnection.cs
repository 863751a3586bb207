namespace AigcGateway.Core.DependencyInjection;

/// <summary>
/// How to reach the Kubernetes API: an explicit URL (e.g. the emulator in demo mode and tests), a kubeconfig file,
/// or (neither set) the in-cluster service account, falling back to the default kubeconfig outside a cluster.
/// </summary>
public sealed record KubernetesConnection(string? ApiServerUrl = null, string? KubeconfigPath = null)
{
    public static KubernetesConnection Default { get; } = new();
}
