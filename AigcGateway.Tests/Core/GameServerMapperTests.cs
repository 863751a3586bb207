using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using k8s;
using k8s.Models;

namespace AigcGateway.Tests.Core;

public sealed class GameServerMapperTests
{
    private static readonly TemplateNetwork s_ingress = new(TemplateNetwork.Ingress, []);

    private static GameServer Read(string name) => KubernetesJson.Deserialize<GameServer>(Fixture.Read(name));

    [Theory]
    [InlineData("sd-cpu-2", 2)]
    [InlineData("a-b-c-10", 10)]
    [InlineData("sd-cpu", null)]
    [InlineData("sd--1", 1)]
    [InlineData("7", null)]
    public void The_id_is_the_number_after_the_last_dash(string name, int? id)
    {
        GameServerMapper.IdOf(name).ShouldBe(id);
    }

    [Fact]
    public void The_persisted_last_activity_and_keep_running_are_read_from_the_game_server()
    {
        var gs = Read("gameserver-ingress-ready.json");
        gs.Metadata.Annotations ??= new Dictionary<string, string>();
        gs.Metadata.Annotations[AigcGateway.Core.Idle.IdleAnnotations.LastActive] = "2026-12-03T15:40:00Z";
        gs.Metadata.Annotations[AigcGateway.Core.Idle.IdleAnnotations.KeepRunningUntil] = "garbage";

        var observation = GameServerMapper.ToObservation(gs)!;

        observation.LastActive.ShouldBe(new DateTimeOffset(2026, 12, 3, 15, 40, 0, TimeSpan.Zero));
        observation.KeepRunningUntil.ShouldBeNull();
    }

    [Fact]
    public void A_ready_ingress_game_server_maps_to_a_running_instance_with_its_url()
    {
        var gs = Read("gameserver-ingress-ready.json");

        var observation = GameServerMapper.ToObservation(gs)!;

        GameServerMapper.TemplateOf(gs).ShouldBe(new TemplateRef("default", "sd-cpu"));
        observation.Id.ShouldBe(2);
        observation.IsRunning.ShouldBeTrue();
        observation.Created.ShouldBe(new DateTimeOffset(2024, 3, 22, 9, 0, 0, TimeSpan.Zero));
        VisitUrl.Build(s_ingress, observation, false).ShouldBe(new Uri("http://instances2-cpu.example.com/"));
        InstanceStateDeriver.Derive(new InstanceFacts { Owner = "u", GameServer = observation }, DateTimeOffset.UnixEpoch).State.ShouldBe(InstanceState.Running);
    }

    [Fact]
    public void A_pending_game_server_without_a_gpu_is_starting_with_no_free_gpu()
    {
        var observation = GameServerMapper.ToObservation(Read("gameserver-pending-no-gpu.json"))!;
        var now = new DateTimeOffset(2024, 3, 22, 10, 0, 30, TimeSpan.Zero);

        var (state, diagnostic) = InstanceStateDeriver.Derive(new InstanceFacts { Owner = "u", GameServer = observation }, now);

        state.ShouldBe(InstanceState.Starting);
        diagnostic!.Reason.ShouldBe(DiagnosticReason.NoFreeGpu);
        diagnostic.Detail.ShouldBe("nvidia.com/gpu");
    }

    [Fact]
    public void The_failed_scheduling_event_maps_to_a_recent_warning_about_the_pod()
    {
        var ev = GameServerMapper.ToEvent(KubernetesJson.Deserialize<Corev1Event>(Fixture.Read("event-failed-scheduling.json")));

        ev.IsWarning.ShouldBeTrue();
        ev.ObjectKind.ShouldBe("Pod");
        ev.ObjectName.ShouldBe("sd-gpu-0");
        ev.Reason.ShouldBe("FailedScheduling");
        ev.Time!.Value.UtcDateTime.ShouldBe(new DateTime(2024, 3, 22, 10, 0, 1, 123, 456, DateTimeKind.Utc));
    }

    [Fact]
    public void The_event_alone_diagnoses_no_free_gpu()
    {
        var ev = GameServerMapper.ToEvent(KubernetesJson.Deserialize<Corev1Event>(Fixture.Read("event-failed-scheduling.json")));
        var inputs = new DiagnosticInputs { GameServerState = "Creating", Events = [ev] };

        Diagnoser.Diagnose(inputs, ev.Time!.Value.AddSeconds(5))!.Reason.ShouldBe(DiagnosticReason.NoFreeGpu);
    }

    [Fact]
    public void A_pod_being_deleted_is_marked()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "sd-cpu-2", DeletionTimestamp = DateTime.UtcNow }, Status = new V1PodStatus { Phase = "Running" } };

        GameServerMapper.ToPod(pod).DeletionTimestamp.ShouldNotBeNull();
    }

    [Fact]
    public void A_game_server_without_a_network_plugin_has_no_network_state()
    {
        var gs = Read("gameserver-ingress-ready.json");
        gs.Status!.NetworkStatus = new GameServerNetworkStatus();

        GameServerMapper.ToObservation(gs)!.NetworkState.ShouldBeNull();
    }
}
