using AigcGateway.Core.DependencyInjection;
using System.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Web.Demo.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AigcGateway.Tests.Resilience;

/// <summary>The core (cache, lifecycle, real client) while the emulated API server is unreachable.</summary>
public sealed class ClusterOutageTests : IAsyncDisposable
{
    private static readonly TemplateRef s_template = new(EmulatorHarness.Ns, "sd");
    private EmulatorHarness? _harness;
    private ServiceProvider? _provider;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            foreach (var hosted in _provider.GetServices<IHostedService>())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _provider.DisposeAsync();
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    private async Task<IInstanceService> StartAsync(ClusterCacheOptions? cache = null)
    {
        _harness = await EmulatorHarness.StartAsync();
        await _harness.CreateSetAsync("sd", 0);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(new GatewayCoreOptions
        {
            Kubernetes = new KubernetesConnection(_harness.Emulator.BaseAddress.ToString()),
            LegacyConfigFile = null,
            Catalog = CatalogFilter.Create([EmulatorHarness.Ns], []),
            Lifecycle = new LifecycleOptions { CoalesceWindow = TimeSpan.Zero, RetryBaseDelay = TimeSpan.FromMilliseconds(5) },
        });
        if (cache is not null)
        {
            services.AddSingleton(cache);
        }

        _provider = services.BuildServiceProvider();
        foreach (var hosted in _provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(Ct);
        }

        var instances = _provider.GetRequiredService<IInstanceService>();
        await instances.WaitForReadyAsync();
        return instances;
    }

    [Theory]
    [InlineData(UnreachableMode.Refused)]
    [InlineData(UnreachableMode.Reset)]
    public async Task An_operation_during_an_outage_fails_with_a_cluster_error_instead_of_throwing(UnreachableMode mode)
    {
        var instances = await StartAsync();
        await _harness!.Emulator.Faults.MakeUnreachableAsync(TimeSpan.FromMinutes(5), mode);

        var result = await instances.InstallAsync("alice", s_template, Ct);

        result.Error.ShouldBe(OperationError.ClusterError);
        result.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_quiet_watch_whose_connection_is_reset_again_and_again_reconnects_after_the_initial_backoff_each_time()
    {
        await StartAsync(new ClusterCacheOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(10) });
        var emulator = _harness!.Emulator;
        int PvcWatches() => emulator.Requests.Recent.Count(r => r.Path.EndsWith("/persistentvolumeclaims", StringComparison.Ordinal) && r.Query.Contains("watch=true", StringComparison.Ordinal));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 6; i++)
        {
            var before = PvcWatches();
            emulator.Faults.ResetConnections();
            await Eventually.HoldsAsync(() => PvcWatches() > before, $"the PVC watch reconnected after reset {i + 1}");
            Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"reset {i + 1}: {clock.Elapsed}");
        }

        // doubling from 100 ms would take 0.1 + 0.2 + 0.4 + 0.8 + 1.6 + 3.2 = 6.3 s; reset on reconnect, about 0.6 s
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }
}
