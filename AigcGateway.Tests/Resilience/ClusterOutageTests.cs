using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
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

    private async Task<IInstanceService> StartAsync()
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
}
