using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// The gateway's core (cluster cache, lifecycle, the real KubernetesClient adapter) started over HTTP against an
/// emulator harness, with its hosted services running; disposing stops them and the harness.
/// </summary>
internal sealed class CoreOnEmulator : IAsyncDisposable
{
    private CoreOnEmulator(EmulatorHarness harness, ServiceProvider provider)
    {
        Harness = harness;
        Provider = provider;
    }

    public EmulatorHarness Harness { get; }

    public ServiceProvider Provider { get; }

    public IInstanceService Instances => Provider.GetRequiredService<IInstanceService>();

    /// <summary>
    /// Starts the core against <paramref name="harness"/> (which it then owns) for the templates of
    /// <see cref="EmulatorHarness.Ns"/>, and waits until the cache is ready. <paramref name="configure"/> may replace
    /// registrations (options of the cache, for example).
    /// </summary>
    public static async Task<CoreOnEmulator> StartAsync(EmulatorHarness harness, LifecycleOptions? lifecycle = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(new GatewayCoreOptions
        {
            Kubernetes = new KubernetesConnection(harness.Emulator.BaseAddress.ToString()),
            LegacyConfigFile = null,
            Catalog = CatalogFilter.Create([EmulatorHarness.Ns], []),
            Lifecycle = lifecycle ?? new LifecycleOptions { CoalesceWindow = TimeSpan.Zero, RetryBaseDelay = TimeSpan.FromMilliseconds(5) },
        });
        configure?.Invoke(services);
        var core = new CoreOnEmulator(harness, services.BuildServiceProvider());
        foreach (var hosted in core.Provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(Xunit.TestContext.Current.CancellationToken);
        }

        await core.Instances.WaitForReadyAsync();
        return core;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Provider.GetServices<IHostedService>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await Provider.DisposeAsync();
        await Harness.DisposeAsync();
    }
}
