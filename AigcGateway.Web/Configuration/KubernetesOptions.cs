namespace AigcGateway.Web.Configuration;

/// <summary>The <c>Kubernetes</c> section (docs/configuration.md).</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>kubeconfig file to use instead of the in-cluster service account.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Namespace of the Lease that elects the replica running background work (default: the gateway's own).</summary>
    public string? LeaseNamespace { get; set; }
}
