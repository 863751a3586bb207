using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Bench;

/// <summary>
/// The production Core (<see cref="GatewayCoreServiceCollectionExtensions.AddGatewayCore(IServiceCollection, GatewayCoreOptions)"/>)
/// pointed at an API server URL, with its hosted services started. The one change: the KubernetesClient is built from
/// the same connection settings with an <see cref="ApiCallCounter"/> in its handler pipeline.
/// </summary>
internal sealed class CoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _started = [];

    private CoreHost(ServiceProvider provider, ApiCallCounter counter)
    {
        _provider = provider;
        Counter = counter;
    }

    public ApiCallCounter Counter { get; }

    public IInstanceService Instances => _provider.GetRequiredService<IInstanceService>();

    internal SnapshotHub Hub => _provider.GetRequiredService<SnapshotHub>();

    public IServiceProvider Services => _provider;

    /// <param name="configure">more services on top of the Core (the audit benchmark adds administration and the store)</param>
    public static async Task<CoreHost> StartAsync(Uri apiServer, CatalogFilter catalog, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var counter = new ApiCallCounter();
        var options = new GatewayCoreOptions
        {
            Kubernetes = new KubernetesConnection(ApiServerUrl: apiServer.ToString()),
            LegacyConfigFile = null,
            Catalog = catalog,
        };
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddGatewayCore(options);
        configure?.Invoke(services);
        // registered last, so it replaces the adapter's client: same configuration, plus the counter
        services.AddSingleton<IKubernetes>(sp => new k8s.Kubernetes(
            KubernetesRegistration.Configuration(sp.GetRequiredService<GatewayCoreOptions>().Kubernetes),
            counter));
        var host = new CoreHost(services.BuildServiceProvider(), counter);
        foreach (var hosted in host._provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
            host._started.Add(hosted);
        }

        return host;
    }

    /// <summary>Completes when the cache has listed everything once.</summary>
    public Task<bool> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Hub.WaitForAsync(s => s.IsReady, timeout, TimeProvider.System, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Enumerable.Reverse(_started))
        {
            await hosted.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _provider.DisposeAsync().ConfigureAwait(false);
    }
}
