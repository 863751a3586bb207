using AigcGateway.Core.Administration;
using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AigcGateway.Tests.Core;

public sealed class AddGatewayCoreTests
{
    private static ServiceProvider Build(GatewayCoreOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(options);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_ports_and_hosted_services_resolve_against_an_api_server_url()
    {
        await using var provider = Build(new GatewayCoreOptions { Kubernetes = new KubernetesConnection("http://127.0.0.1:1"), LegacyConfigFile = null });

        var instances = provider.GetRequiredService<IInstanceService>();
        provider.GetRequiredService<ICatalog>().ShouldBeSameAs(instances);
        provider.GetRequiredService<AigcGateway.Core.Users.IOwnershipAdopter>().ShouldBeOfType<InstanceRecords>();
        provider.GetRequiredService<AigcGateway.Core.Users.IInstanceOwnershipSource>().ShouldNotBeNull();
        provider.GetRequiredService<AigcGateway.Core.Access.IForwardAuthIndexSource>().Current.Count.ShouldBe(0);
        provider.GetRequiredService<AigcGateway.Core.Access.InstanceActivity>().ShouldNotBeNull();
        // the cluster cache, id verification, the revoked sessions' watch, the last-activity persister and the work under
        // the Lease (the core's own: the idle pauses)
        provider.GetServices<IHostedService>().Count().ShouldBe(5);
        provider.GetServices<AigcGateway.Core.Coordination.LeaderTask>().Select(task => task.Name).ShouldBe(["idle pauses"]);
        provider.GetRequiredService<AigcGateway.Core.Sessions.ISessionRevocations>().IsReady.ShouldBeFalse();
        provider.GetRequiredService<ICatalog>().Snapshot.IsReady.ShouldBeFalse();
    }

    [Fact]
    public async Task The_mirror_and_the_store_add_their_work_to_the_one_election_of_the_lease()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(new GatewayCoreOptions { Kubernetes = new KubernetesConnection("http://127.0.0.1:1"), LegacyConfigFile = null });
        services.AddSingleton<AigcGateway.Core.Logto.ILogtoUsers>(new AigcGateway.Tests.Logto.InMemoryLogtoUsers());
        services.AddGatewayLogtoMirror();
        services.AddGatewayLogtoMirror(); // registering twice adds nothing twice
        AigcGateway.Core.Storage.StorageRegistration.AddGatewayStorage(services, _ => new AigcGateway.Core.Storage.StorageOptions
        {
            Provider = AigcGateway.Core.Storage.DatabaseProvider.Sqlite,
            ConnectionString = "Data Source=:memory:",
        });
        await using var provider = services.BuildServiceProvider();

        provider.GetServices<AigcGateway.Core.Coordination.LeaderTask>().Select(task => task.Name)
            .ShouldBe(["idle pauses", "Logto mirror", "reserved id release", "audit retention"]);
        // one election for all of them: a second would compete for the same Lease under the same identity
        services.Count(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(AigcGateway.Core.Coordination.LeaderWorkService))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Administration_decorates_the_lifecycle_explicitly_in_either_order_of_use()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(new GatewayCoreOptions { Kubernetes = new KubernetesConnection("http://127.0.0.1:1"), LegacyConfigFile = null });
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(
            new TemplateRules([], "localhost", new Uri("http://localhost"), System.Collections.Immutable.ImmutableDictionary<string, string>.Empty)));
        services.AddGatewayAdministrationCore();

        // one registration of the port (the decorated one), not two that work because the audited one came last
        services.Count(d => d.ServiceType == typeof(IInstanceService)).ShouldBe(1);
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IInstanceService>().GetType().Name.ShouldBe("AuditingInstanceService");
        provider.GetRequiredService<ICatalog>().ShouldBeOfType<InstanceService>();
    }

    [Fact]
    public void The_earlier_gateways_filter_file_is_merged_into_the_catalog_filter()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aigc-filter-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"namespaces": ["ai"], "gss_labels": {"aigc": "true"}}""");
        try
        {
            var options = new GatewayCoreOptions { Catalog = CatalogFilter.Create(["default"], null), LegacyConfigFile = path };

            var filter = options.EffectiveCatalog();

            filter.Namespaces.ShouldBe(["default", "ai"]);
            filter.LabelSelector.ShouldBe("aigc=true");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_filter_file_leaves_the_configured_filter()
    {
        var options = new GatewayCoreOptions { LegacyConfigFile = "/nonexistent/config.json" };

        options.EffectiveCatalog().ShouldBe(CatalogFilter.All);
    }
}
