namespace AigcGateway.Web.Configuration;

/// <summary>The <c>Kubernetes</c> section (docs/configuration.md).</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>kubeconfig file to use instead of the in-cluster service account.</summary>
    public string? Kubeconfig { get; set; }
}
