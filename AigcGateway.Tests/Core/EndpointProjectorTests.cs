using System.Collections.Immutable;
using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class EndpointProjectorTests
{
    private static ClusterSnapshot Snapshot(TemplateNetwork network, params GameServerObservation[] servers)
    {
        var state = new TemplateState
        {
            Template = TestTemplates.Template(network),
            Replicas = 2,
            Reserved = ReserveIdSet.Empty,
            Owners = OwnershipRecord.Empty.Add(0, "alice").Add(3, "bob"),
            ResourceVersion = "1",
        };
        return new ClusterSnapshot
        {
            IsReady = true,
            Templates = ImmutableDictionary<TemplateRef, TemplateState>.Empty.Add(state.Ref, state),
            GameServers = ImmutableDictionary<TemplateRef, ImmutableDictionary<int, GameServerObservation>>.Empty
                .Add(state.Ref, servers.ToImmutableDictionary(s => s.Id)),
        };
    }

    [Fact]
    public void The_host_of_the_game_server_status_is_used_when_there_is_one()
    {
        var network = new TemplateNetwork(TemplateNetwork.Ingress, [new("Host", "i<id>.example.com")]);
        var gs = new GameServerObservation { Id = 0, ExternalAddresses = [new NetworkAddress("", "custom.example.com", [new NetworkPort("/", 80)])] };

        var endpoints = EndpointProjector.Endpoints(Snapshot(network, gs)).ToList();

        endpoints.ShouldContain(new InstanceEndpoint(new InstanceRef(TestTemplates.Ref, 0), "alice", "custom.example.com", "/"));
    }

    /// <summary>Issue #22, F4: a paused instance (no GameServer) or one not yet published must not be reachable at the address its pattern gives.</summary>
    [Fact]
    public void Instances_whose_game_server_has_not_published_an_address_are_not_listed()
    {
        var network = new TemplateNetwork(TemplateNetwork.Ingress, [new("Host", "i<id>.example.com"), new("Path", "/")]);
        var starting = new GameServerObservation { Id = 3 };

        EndpointProjector.Endpoints(Snapshot(network)).ShouldBeEmpty();
        EndpointProjector.Endpoints(Snapshot(network, starting)).ShouldBeEmpty();
    }

    [Fact]
    public void An_address_without_a_published_path_is_not_listed()
    {
        var network = new TemplateNetwork(TemplateNetwork.Ingress, [new("Host", "gpu.example.com"), new("Path", "/sd/<id>/")]);
        var gs = new GameServerObservation { Id = 0, ExternalAddresses = [new NetworkAddress("", "gpu.example.com", [new NetworkPort("7860", 7860)])] };

        EndpointProjector.Endpoints(Snapshot(network, gs)).ShouldBeEmpty();
    }

    [Fact]
    public void Path_based_ingress_gives_each_id_its_own_prefix_on_the_shared_host()
    {
        var network = new TemplateNetwork(TemplateNetwork.Ingress, [new("Host", "gpu.example.com"), new("Path", "/sd/<id>/")]);
        GameServerObservation Published(int id) =>
            new() { Id = id, ExternalAddresses = [new NetworkAddress("", "gpu.example.com", [new NetworkPort($"/sd/{id}/", 7860)])] };

        var endpoints = EndpointProjector.Endpoints(Snapshot(network, Published(0), Published(3))).ToList();

        endpoints.Select(e => e.PathPrefix).ShouldBe(["/sd/0/", "/sd/3/"], ignoreOrder: true);
        endpoints.ShouldAllBe(e => e.Host == "gpu.example.com");
    }

    [Fact]
    public void Instances_of_unprotectable_networks_are_not_listed()
    {
        var network = new TemplateNetwork("Kubernetes-HostPort", []);

        EndpointProjector.Endpoints(Snapshot(network, new GameServerObservation { Id = 0, ExternalAddresses = [new NetworkAddress("10.0.0.1", null, [new NetworkPort("p", 31000)])] })).ShouldBeEmpty();
    }
}
