using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Telemetry;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AigcGateway.Tests.Resilience;

/// <summary>A 409 that the lifecycle retries leaves a trace: a debug line naming the template, and a count on the AigcGateway meter.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ConflictTelemetryTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retried_conflicts_are_logged_with_the_template_and_counted()
    {
        var template = new TemplateRef(EmulatorHarness.Ns, "sd-conflicts");
        await using var harness = await EmulatorHarness.StartAsync();
        await harness.CreateSetAsync(template.Name, 0);
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Debug));
        services.AddGatewayCore(new GatewayCoreOptions
        {
            Kubernetes = new KubernetesConnection(harness.Emulator.BaseAddress.ToString()),
            LegacyConfigFile = null,
            Catalog = CatalogFilter.Create([EmulatorHarness.Ns], []),
            Lifecycle = new LifecycleOptions { CoalesceWindow = TimeSpan.Zero, RetryBaseDelay = TimeSpan.FromMilliseconds(5) },
        });
        // no work under the Lease: its election's writes would take one of the injected 409s meant for the install
        services.RemoveAll<AigcGateway.Core.Coordination.LeaderTask>();
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(Ct);
        }

        using var conflicts = new MetricCollector<long>(null, GatewayMetrics.MeterName, "aigc_gateway.gameserverset.conflicts");
        try
        {
            var instances = provider.GetRequiredService<IInstanceService>();
            await instances.WaitForReadyAsync();
            harness.Emulator.Faults.FailNextWrites(2, 409);

            (await instances.InstallAsync("alice", template, Ct)).Succeeded.ShouldBeTrue();

            conflicts.GetMeasurementSnapshot().Where(m => Equals(m.Tags["template"], template.ToString())).Sum(m => m.Value).ShouldBe(2);
            logs.GetSnapshot().Count(r => r.Level == LogLevel.Debug && r.Message.Contains("Conflict updating " + template, StringComparison.Ordinal)).ShouldBe(2);
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }
}
