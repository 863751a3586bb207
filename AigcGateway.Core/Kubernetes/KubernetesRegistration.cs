using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using k8s;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton(sp => new KubernetesSessionRevocations(
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<GatewayCoreOptions>().LeaseNamespace ?? DefaultLeaseNamespace(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<KubernetesSessionRevocations>>()));
        services.AddSingleton<Sessions.ISessionRevocations>(sp => sp.GetRequiredService<KubernetesSessionRevocations>());
        services.AddSingleton<ITemplateStore>(sp => new KubernetesTemplateStore(sp.GetRequiredService<IKubernetesApi>(), sp.GetRequiredService<ConformanceRules>()));
        services.AddSingleton(sp => new ClusterCacheOptions { Conformance = sp.GetRequiredService<ConformanceRules>() });
        services.AddSingleton<Users.IMirrorMarks>(sp => new KubernetesMirrorMarks(
            sp.GetRequiredService<IKubernetesApi>(), sp.GetRequiredService<SnapshotHub>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Idle.IGameServerAnnotations>(sp => new KubernetesGameServerAnnotations(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton<IVolumeLookup>(sp => new KubernetesVolumeLookup(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton(sp => new ClusterCache(
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

        const string serviceAccountNamespace = ServiceAccountDirectory + "/namespace";
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
            ? InCluster(ServiceAccountDirectory, Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")!, Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT")!)
            : KubernetesClientConfiguration.BuildDefaultConfig();
    }

    /// <summary>Where Kubernetes mounts a pod's ServiceAccount token, CA certificate and namespace.</summary>
    internal const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>
    /// The in-cluster connection as KubernetesClient's <c>InClusterConfig</c> builds it (the API server from the
    /// environment, its CA and namespace from <paramref name="directory"/>), except that the rotated ServiceAccount token
    /// is read again as soon as the kubelet replaces it (<see cref="ServiceAccountToken"/>).
    /// </summary>
    internal static KubernetesClientConfiguration InCluster(string directory, string host, string port)
    {
        var ca = new X509Certificate2Collection();
        ca.ImportFromPemFile(Path.Combine(directory, "ca.crt"));
        var config = new KubernetesClientConfiguration
        {
            Host = new UriBuilder(Uri.UriSchemeHttps, host, int.Parse(port, CultureInfo.InvariantCulture)).ToString(),
            SslCaCerts = ca,
            TokenProvider = new ServiceAccountToken(Path.Combine(directory, "token")),
        };
        if (File.Exists(Path.Combine(directory, "namespace")))
        {
            config.Namespace = File.ReadAllText(Path.Combine(directory, "namespace")).Trim();
        }

        return config;
    }
}
