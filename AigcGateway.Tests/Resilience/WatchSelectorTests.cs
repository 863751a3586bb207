using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using AigcGateway.Tests.Infrastructure;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AigcGateway.Tests.Resilience;

/// <summary>
/// With no namespaces configured the cache watches the whole cluster: every list and watch is narrowed to what the
/// gateway needs (OKG's label on pods, PVCs and GameServers; pod Warning events), and the emulator honours the selectors.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class WatchSelectorTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cluster_wide_lists_and_watches_carry_selectors_and_unrelated_objects_stay_out_of_the_snapshot()
    {
        await using var harness = await EmulatorHarness.StartAsync();
        await harness.CreateSetAsync("sd", 1);
        await harness.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "database" },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } },
        }, "other", cancellationToken: Ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(new GatewayCoreOptions
        {
            Kubernetes = new KubernetesConnection(harness.Emulator.BaseAddress.ToString()),
            LegacyConfigFile = null,
            Catalog = CatalogFilter.Create([], []), // every namespace
        });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(Ct);
        }

        try
        {
            await provider.GetRequiredService<IInstanceService>().WaitForReadyAsync();
            await provider.GetRequiredService<SnapshotHub>().WaitUntilAsync(s => s.Volumes.Contains($"{EmulatorHarness.Ns}/user-data-sd-0"));

            var requests = harness.Emulator.Requests.Recent;
            var events = requests.Where(r => r.Path == "/api/v1/events").ToList();
            var labelled = requests.Where(r => r.Path is "/api/v1/pods" or "/api/v1/persistentvolumeclaims" or "/apis/game.kruise.io/v1alpha1/gameservers").ToList();
            events.ShouldNotBeEmpty();
            events.ShouldAllBe(r => r.Query.Contains("fieldSelector=involvedObject.kind%3DPod", StringComparison.Ordinal));
            labelled.Select(r => r.Path).Distinct().Count().ShouldBe(3);
            labelled.ShouldAllBe(r => r.Query.Contains("labelSelector=game.kruise.io%2Fowner-gss", StringComparison.Ordinal));
            provider.GetRequiredService<SnapshotHub>().Current.Volumes.ShouldNotContain("other/database");
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
