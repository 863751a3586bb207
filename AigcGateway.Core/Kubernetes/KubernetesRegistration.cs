using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Kubernetes;

/// <summary>Registers the KubernetesClient-based adapter (kept here so no other folder references <c>k8s</c>).</summary>
internal static class KubernetesRegistration
{
    /// <summary>Reads the connection and the catalog filter from the registered <see cref="GatewayCoreOptions"/> when first used.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IKubernetes>(sp => new k8s.Kubernetes(Configuration(sp.GetRequiredService<GatewayCoreOptions>().Kubernetes), new WatchConnectionHandler()));
        services.AddSingleton<IKubernetesApi>(sp => new KubernetesClientApi(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton(new LeadershipOptions());
        services.AddSingleton<Coordination.ILeadership>(sp =>
        {
            var options = sp.GetRequiredService<GatewayCoreOptions>();
            var timings = sp.GetRequiredService<LeadershipOptions>();
            return new KubernetesLeadership(
                sp.GetRequiredService<IKubernetes>(),
                options.LeaseNamespace ?? DefaultLeaseNamespace(),
                options.LeaseName,
                options.Identity,
                sp.GetRequiredService<ILogger<KubernetesLeadership>>())
            {
                LeaseDuration = timings.LeaseDuration,
                RenewDeadline = timings.RenewDeadline,
                RetryPeriod = timings.RetryPeriod,
                Backoff = timings.Backoff,
            };
        });
        services.AddSingleton<ITemplateStore>(sp => new KubernetesTemplateStore(sp.GetRequiredService<IKubernetesApi>()));
        services.AddSingleton<IVolumeLookup>(sp => new KubernetesVolumeLookup(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton(new ClusterCacheOptions());
        services.AddSingleton<IHostedService>(sp => new ClusterCache(
            sp.GetRequiredService<IKubernetesApi>(),
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<GatewayCoreOptions>().EffectiveCatalog(),
            sp.GetRequiredService<ClusterCacheOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ClusterCache>>()));
    }

    /// <summary>The gateway's own namespace: <c>POD_NAMESPACE</c>, else the service account's, else <c>default</c>.</summary>
    internal static string DefaultLeaseNamespace()
    {
        if (Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        const string serviceAccountNamespace = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(serviceAccountNamespace) ? File.ReadAllText(serviceAccountNamespace).Trim() : "default";
    }

    internal static KubernetesClientConfiguration Configuration(KubernetesConnection connection)
    {
        if (!string.IsNullOrWhiteSpace(connection.ApiServerUrl))
        {
            return new KubernetesClientConfiguration { Host = connection.ApiServerUrl };
        }

        if (!string.IsNullOrWhiteSpace(connection.KubeconfigPath))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(connection.KubeconfigPath);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildDefaultConfig();
    }
}
