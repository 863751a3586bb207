using System.Net;
using System.Text.Json.Nodes;
using AigcGateway.Tests.Emulator.Models;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Emulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class OkgSimulationTests
{
    private static string Ns => EmulatorHarness.Ns;

    [Fact]
    public async Task Scale_up_takes_the_lowest_ids_that_are_neither_running_nor_reserved()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 6, "General");
        await h.UpdateSetAsync("sd", g => { g.Spec.Replicas = 4; g.Spec.ReserveGameServerIds = [1, 4]; });
        (await h.ServerIdsAsync("sd")).ShouldBe([0, 2, 3, 5]);

        await h.UpdateSetAsync("sd", g => { g.Spec.Replicas = 6; g.Spec.ReserveGameServerIds = [4]; });

        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1, 2, 3, 5, 6]);
        (await h.PodIdsAsync("sd")).ShouldBe([0, 1, 2, 3, 5, 6]);
    }

    [Fact]
    public async Task ReserveIds_scale_down_removes_the_highest_ids_and_writes_them_back_into_the_spec()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 5);

        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 3);

        var gss = await h.ReadSetAsync("sd");
        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1, 2]);
        EmulatorHarness.ParseReserve(gss.Spec.ReserveGameServerIds).ShouldBe([3, 4]);
        gss.Metadata.Annotations["game.kruise.io/reserve-ids"].ShouldBe("3,4");
    }

    [Fact]
    public async Task Removing_an_id_from_the_reserve_list_with_one_more_replica_brings_that_id_back()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 5);
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 3);

        await h.UpdateSetAsync("sd", g => { g.Spec.Replicas = 4; g.Spec.ReserveGameServerIds = [3]; });

        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1, 2, 4]);
        EmulatorHarness.ParseReserve((await h.ReadSetAsync("sd")).Spec.ReserveGameServerIds).ShouldBe([3]);
    }

    private static CancellationToken Ct => EmulatorHarness.Ct;

    [Fact]
    public async Task Range_strings_in_the_reserve_list_are_read_as_inclusive_ranges()
    {
        await using var h = await EmulatorHarness.StartAsync();

        await h.CreateSetAsync("sd", 3, reserve: [0, "2-4"]);

        (await h.ServerIdsAsync("sd")).ShouldBe([1, 5, 6]);
    }

    [Fact]
    public async Task Back_filled_ids_are_written_as_compressed_ranges()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 7, reserve: [0]);

        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 2);

        var gss = await h.ReadSetAsync("sd");
        gss.Spec.ReserveGameServerIds!.ToJsonString().ShouldBe("""[0,"3-7"]""");
        gss.Metadata.Annotations["game.kruise.io/reserve-ids"].ShouldBe("0,3-7");
        (await h.ServerIdsAsync("sd")).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task The_old_OKG_switch_writes_back_plain_integers()
    {
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { PlainIntReserveIds = true });
        await h.CreateSetAsync("sd", 6);

        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 2);

        (await h.ReadSetAsync("sd")).Spec.ReserveGameServerIds!.ToJsonString().ShouldBe("[2,3,4,5]");
    }

    [Fact]
    public async Task Explicitly_reserved_ids_lose_their_pods_without_a_replica_change()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 3);

        await h.UpdateSetAsync("sd", g => g.Spec.ReserveGameServerIds = [1]);

        (await h.PodIdsAsync("sd")).ShouldBe([0, 2, 3]);
    }

    [Fact]
    public async Task General_scale_down_does_not_reserve_and_reuses_the_lowest_free_id()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 3, "General");
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);
        (await h.ReadSetAsync("sd")).Spec.ReserveGameServerIds.ShouldBeNull();

        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 2);

        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1]);
    }

    [Fact]
    public async Task Scale_down_removes_by_ops_state_then_deletion_priority_then_higher_id()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 6);
        async Task SetAsync(int id, string patch) =>
            await h.Servers.PatchNamespacedAsync<TestGameServer>(new V1Patch(patch, V1Patch.PatchType.MergePatch), Ns, $"sd-{id}", Ct);
        await SetAsync(5, """{"spec":{"opsState":"Maintaining"}}""");
        await SetAsync(4, """{"spec":{"opsState":"Allocated"}}""");
        await SetAsync(0, """{"spec":{"opsState":"WaitToBeDeleted"}}""");
        await SetAsync(1, """{"spec":{"deletionPriority":10}}""");
        await h.SettleAsync();

        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 3);

        // WaitToBeDeleted (0) first; then among None: higher deletionPriority (1), then the higher id (3)
        (await h.ServerIdsAsync("sd")).ShouldBe([2, 4, 5]);
        EmulatorHarness.ParseReserve((await h.ReadSetAsync("sd")).Spec.ReserveGameServerIds).ShouldBe([0, 1, 3]);
    }

    [Fact]
    public async Task OpsState_Kill_lowers_replicas_and_reserves_the_id()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 3);

        await h.Servers.PatchNamespacedAsync<TestGameServer>(new V1Patch("""{"spec":{"opsState":"Kill"}}""", V1Patch.PatchType.MergePatch), Ns, "sd-1", Ct);
        await h.SettleAsync();

        var gss = await h.ReadSetAsync("sd");
        gss.Spec.Replicas.ShouldBe(2);
        EmulatorHarness.ParseReserve(gss.Spec.ReserveGameServerIds).ShouldBe([1]);
        (await h.ServerIdsAsync("sd")).ShouldBe([0, 2]);
    }

    [Fact]
    public async Task A_pvc_per_volume_claim_template_is_created_with_the_first_pod_of_an_id_and_kept()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 2);
        var first = await h.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("user-data-sd-1", Ns, cancellationToken: Ct);

        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);
        (await h.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("user-data-sd-1", Ns, cancellationToken: Ct)).Metadata.Uid.ShouldBe(first.Metadata.Uid);
        await h.UpdateSetAsync("sd", g => { g.Spec.Replicas = 2; g.Spec.ReserveGameServerIds = []; });

        var again = await h.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("user-data-sd-1", Ns, cancellationToken: Ct);
        var pod = await h.Client.CoreV1.ReadNamespacedPodAsync("sd-1", Ns, cancellationToken: Ct);
        again.Metadata.Uid.ShouldBe(first.Metadata.Uid);
        again.Status.Phase.ShouldBe("Bound");
        pod.Spec.Volumes.Single(v => v.Name == "user-data").PersistentVolumeClaim.ClaimName.ShouldBe("user-data-sd-1");
    }

    [Fact]
    public async Task Deleting_the_template_deletes_its_pods_and_instances_but_keeps_the_pvcs()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 2);

        await h.Sets.DeleteNamespacedAsync<TestGameServerSet>(Ns, "sd", Ct);
        await h.SettleAsync();

        (await h.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct)).Items.ShouldBeEmpty();
        (await h.Servers.ListNamespacedAsync<TestGameServerList>(Ns, cancel: Ct)).Items.ShouldBeEmpty();
        (await h.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(Ns, cancellationToken: Ct)).Items.Select(p => p.Metadata.Name)
            .ShouldBe(["user-data-sd-0", "user-data-sd-1"]);
    }

    [Fact]
    public async Task Deleting_a_pod_deletes_its_game_server_and_both_come_back_with_the_same_id()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 2);
        var before = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-1", Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(EmulatorHarness.Bound);
        var deletedSeen = new TaskCompletionSource();
        var from = h.Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, obj) in h.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                "game.kruise.io", "v1alpha1", Ns, "gameservers", resourceVersion: from, cancellationToken: cts.Token))
            {
                if (type == WatchEventType.Deleted)
                {
                    deletedSeen.TrySetResult();
                    break;
                }
            }
        }, Ct);

        await h.Client.CoreV1.DeleteNamespacedPodAsync("sd-1", Ns, cancellationToken: Ct);
        await deletedSeen.Task.WaitAsync(EmulatorHarness.Bound, Ct);
        await watching;
        await h.SettleAsync();

        var after = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-1", Ct);
        after.Metadata.Uid.ShouldNotBe(before.Metadata.Uid);
        after.CurrentState.ShouldBe("Ready");
        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1]);
    }

    [Fact]
    public async Task A_game_server_is_owned_by_its_pod_and_labelled_with_its_template()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1);

        var gs = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        var pod = await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct);

        gs.Metadata.Labels["game.kruise.io/owner-gss"].ShouldBe("sd");
        gs.Metadata.OwnerReferences.Single().Uid.ShouldBe(pod.Metadata.Uid);
        gs.Metadata.OwnerReferences.Single().Kind.ShouldBe("Pod");
        pod.Metadata.Labels["app"].ShouldBe("sd");
    }

    [Fact]
    public async Task Instances_progress_from_Creating_to_Ready_with_pod_events()
    {
        var time = new FakeTimeProvider();
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with
        {
            ScheduleDelay = TimeSpan.FromSeconds(1),
            StartDelay = TimeSpan.FromSeconds(5),
            TimeProvider = time,
        });
        await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 1), Ns, Ct);
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);

        var creating = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);
        var scheduled = await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(5));
        await h.SettleAsync();
        var ready = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        var events = await h.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=sd-0", cancellationToken: Ct);

        creating.CurrentState.ShouldBe("Creating");
        creating.NetworkState.ShouldBe("NotReady");
        scheduled.Spec.NodeName.ShouldNotBeNull();
        scheduled.Status.Phase.ShouldBe("Pending");
        ready.CurrentState.ShouldBe("Ready");
        ready.NetworkState.ShouldBe("Ready");
        ready.Status!["desiredState"]!.GetValue<string>().ShouldBe("Ready");
        ready.Status["podStatus"]!["phase"]!.GetValue<string>().ShouldBe("Running");
        events.Items.Select(e => e.Reason).ShouldBe(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    }

    [Fact]
    public async Task Ingress_network_status_substitutes_the_id_in_the_host_and_lists_path_ports()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 3, network: new JsonObject
        {
            ["networkType"] = "Kubernetes-Ingress",
            ["networkConf"] = new JsonArray(
                new JsonObject { ["name"] = "Port", ["value"] = "7860" },
                new JsonObject { ["name"] = "Port", ["value"] = "8080" },
                new JsonObject { ["name"] = "Host", ["value"] = "sd-<id>.aigc.test" },
                new JsonObject { ["name"] = "Path", ["value"] = "/" },
                new JsonObject { ["name"] = "Path", ["value"] = "/api-<id>" }),
        });

        var gs = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-2", Ct);

        var external = gs.Status!["networkStatus"]!["externalAddresses"]![0]!;
        external["ip"]!.GetValue<string>().ShouldBe("");
        external["endPoint"]!.GetValue<string>().ShouldBe("sd-2.aigc.test");
        external["ports"]!.ToJsonString().ShouldBe("""[{"name":"/","port":7860},{"name":"/api-2","port":8080}]""");
        gs.Status["networkStatus"]!["internalAddresses"]![0]!["ip"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task HostPort_network_status_carries_the_node_ip_and_host_port()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1, network: new JsonObject
        {
            ["networkType"] = "Kubernetes-HostPort",
            ["networkConf"] = new JsonArray(new JsonObject { ["name"] = "ContainerPorts", ["value"] = "sd:7860/TCP" }),
        });

        var gs = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        var pod = await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct);

        var external = gs.Status!["networkStatus"]!["externalAddresses"]![0]!;
        external["ip"]!.GetValue<string>().ShouldBe(pod.Status.HostIP);
        external["ports"]![0]!["port"]!.GetValue<int>().ShouldBe(pod.Spec.Containers[0].Ports[0].HostPort!.Value);
        external["endPoint"].ShouldBeNull();
    }

    [Fact]
    public async Task NodePort_network_status_carries_the_node_ip_and_a_node_port()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1, network: new JsonObject
        {
            ["networkType"] = "Kubernetes-NodePort",
            ["networkConf"] = new JsonArray(new JsonObject { ["name"] = "PortProtocols", ["value"] = "7860/TCP" }),
        });

        var gs = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);

        var status = gs.Status!["networkStatus"]!;
        status["currentNetworkState"]!.GetValue<string>().ShouldBe("Ready");
        status["externalAddresses"]![0]!["ports"]![0]!["port"]!.GetValue<int>().ShouldBeInRange(30000, 32767);
        status["internalAddresses"]![0]!["ports"]![0]!["port"]!.GetValue<int>().ShouldBe(7860);
    }

    [Fact]
    public async Task A_template_without_a_network_has_an_empty_network_status()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var gss = EmulatorHarness.NewSet("sd", 1);
        gss.Spec.Network = null;
        await h.Sets.CreateNamespacedAsync(gss, Ns, Ct);
        await h.SettleAsync();

        var gs = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);

        gs.Status!["networkStatus"]!.ToJsonString().ShouldBe("{}");
        gs.CurrentState.ShouldBe("Ready");
    }

    [Fact]
    public async Task The_template_status_counts_replicas_ready_and_ops_states()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 3);
        await h.Servers.PatchNamespacedAsync<TestGameServer>(new V1Patch("""{"spec":{"opsState":"Maintaining"}}""", V1Patch.PatchType.MergePatch), Ns, "sd-0", Ct);
        await h.Servers.PatchNamespacedAsync<TestGameServer>(new V1Patch("""{"spec":{"opsState":"WaitToBeDeleted"}}""", V1Patch.PatchType.MergePatch), Ns, "sd-1", Ct);
        await h.SettleAsync();

        var gss = await h.ReadSetAsync("sd");

        var status = gss.Status!;
        status["replicas"]!.GetValue<int>().ShouldBe(3);
        status["currentReplicas"]!.GetValue<int>().ShouldBe(3);
        status["readyReplicas"]!.GetValue<int>().ShouldBe(3);
        status["availableReplicas"]!.GetValue<int>().ShouldBe(3);
        status["maintainingReplicas"]!.GetValue<int>().ShouldBe(1);
        status["waitToBeDeletedReplicas"]!.GetValue<int>().ShouldBe(1);
        status["observedGeneration"]!.GetValue<long>().ShouldBe(gss.Metadata.Generation!.Value);
        status["labelSelector"]!.GetValue<string>().ShouldBe("game.kruise.io/owner-gss=sd");
    }

    [Fact]
    public async Task The_scale_subresource_reads_and_sets_replicas()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1);

        var scale = await h.Client.CustomObjects.PatchNamespacedCustomObjectScaleAsync<JsonObject>(
            new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "game.kruise.io", "v1alpha1", Ns, "gameserversets", "sd", cancellationToken: Ct);
        await h.SettleAsync();

        scale["kind"]!.GetValue<string>().ShouldBe("Scale");
        scale["spec"]!["replicas"]!.GetValue<int>().ShouldBe(2);
        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1]);
        var (code, _) = await h.RawAsync(HttpMethod.Get, $"/apis/game.kruise.io/v1alpha1/namespaces/{Ns}/gameservers/sd-0/scale");
        code.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<Dictionary<string, string>> PodUidsAsync(EmulatorHarness h) =>
        (await h.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct)).Items.ToDictionary(p => p.Metadata.Name, p => p.Metadata.Uid);

    private static Task PatchAsync(EmulatorHarness h, string patch) =>
        h.Sets.PatchNamespacedAsync<TestGameServerSet>(new V1Patch(patch, V1Patch.PatchType.MergePatch), Ns, "sd", Ct);

    [Fact]
    public async Task A_template_change_recreates_the_instances_with_the_same_ids_and_volumes()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 2);
        var before = await PodUidsAsync(h);
        var pvc = (await h.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("user-data-sd-1", Ns, cancellationToken: Ct)).Metadata.Uid;

        await h.UpdateSetAsync("sd", g => g.Spec.GameServerTemplate!["spec"]!["containers"]![0]!["args"] = new JsonArray("--medvram"));

        var after = await PodUidsAsync(h);
        after.Keys.ShouldBe(before.Keys, ignoreOrder: true);
        after.ShouldAllBe(kv => before[kv.Key] != kv.Value);
        (await h.Client.CoreV1.ReadNamespacedPodAsync("sd-1", Ns, cancellationToken: Ct)).Spec.Containers[0].Args.ShouldBe(["--medvram"]);
        (await h.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("user-data-sd-1", Ns, cancellationToken: Ct)).Metadata.Uid.ShouldBe(pvc);
        (await h.ReadSetAsync("sd")).Status!["updatedReadyReplicas"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task An_image_change_updates_in_place_when_the_policy_allows_it()
    {
        var time = new FakeTimeProvider();
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { StartDelay = TimeSpan.FromSeconds(5), TimeProvider = time });
        await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 1), Ns, Ct);
        await PatchAsync(h, """{"spec":{"updateStrategy":{"rollingUpdate":{"podUpdatePolicy":"InPlaceIfPossible"}}}}""");
        time.Advance(TimeSpan.FromSeconds(5));
        await h.SettleAsync();
        var before = await PodUidsAsync(h);

        await PatchAsync(h, """{"spec":{"gameServerTemplate":{"spec":{"containers":[{"name":"sd","image":"registry.example.com/lab/sd:v2","ports":[{"name":"http","containerPort":7860}],"resources":{"limits":{"cpu":"1"}}}]}}}}""");
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);
        var updating = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        time.Advance(TimeSpan.FromSeconds(5));
        await h.SettleAsync();

        updating.CurrentState.ShouldBe("Updating");
        (await PodUidsAsync(h)).ShouldBe(before);
        (await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct)).Spec.Containers[0].Image.ShouldBe("registry.example.com/lab/sd:v2");
        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct)).CurrentState.ShouldBe("Ready");
    }

    [Fact]
    public async Task A_non_image_change_recreates_the_pod_even_with_in_place_updates()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1);
        await PatchAsync(h, """{"spec":{"updateStrategy":{"rollingUpdate":{"podUpdatePolicy":"InPlaceIfPossible"}}}}""");
        await h.SettleAsync();
        var before = await PodUidsAsync(h);

        await h.UpdateSetAsync("sd", g => g.Spec.GameServerTemplate!["spec"]!["containers"]![0]!["args"] = new JsonArray("--lowvram"));

        (await PodUidsAsync(h))["sd-0"].ShouldNotBe(before["sd-0"]);
    }

    /// <summary>OKG copies spec.network into the pod template's annotations (game.kruise.io/network-conf) and hashes it into the revision.</summary>
    private static void AddIngressAnnotation(TestGameServerSet gss) =>
        gss.Spec.Network!["networkConf"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "Annotation",
            ["value"] = "nginx.ingress.kubernetes.io/auth-snippet: # changed",
        });

    [Fact]
    public async Task A_network_change_recreates_the_instances_under_the_default_ReCreate_policy()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 2);
        var before = await PodUidsAsync(h);

        await h.UpdateSetAsync("sd", AddIngressAnnotation);

        var after = await PodUidsAsync(h);
        after.Keys.ShouldBe(before.Keys, ignoreOrder: true);
        after.ShouldAllBe(kv => before[kv.Key] != kv.Value);
    }

    [Fact]
    public async Task A_network_change_updates_the_instances_in_place_without_a_restart_under_InPlaceIfPossible()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1);
        await PatchAsync(h, """{"spec":{"updateStrategy":{"rollingUpdate":{"podUpdatePolicy":"InPlaceIfPossible"}}}}""");
        await h.SettleAsync();
        var before = await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct);

        await h.UpdateSetAsync("sd", AddIngressAnnotation);

        var after = await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct);
        after.Metadata.Uid.ShouldBe(before.Metadata.Uid);
        after.Metadata.Labels["controller-revision-hash"].ShouldNotBe(before.Metadata.Labels["controller-revision-hash"]);
        after.Status.ContainerStatuses.ShouldAllBe(c => c.Ready && c.RestartCount == 0);
        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct)).CurrentState.ShouldBe("Ready");
    }
}
