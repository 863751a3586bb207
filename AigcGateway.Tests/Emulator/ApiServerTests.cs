using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AigcGateway.Tests.Emulator.Models;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using k8s.Models;

namespace AigcGateway.Tests.Emulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ApiServerTests
{
    private static string Ns => EmulatorHarness.Ns;

    private static CancellationToken Ct => EmulatorHarness.Ct;

    [Fact]
    public async Task The_emulator_starts_in_under_one_second()
    {
        var watch = Stopwatch.StartNew();
        await using var emulator = await KubernetesEmulator.StartAsync(KubernetesEmulatorOptions.ForTests with { SeedDemo = true }, Ct);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        emulator.BaseAddress.Host.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task Discovery_documents_describe_the_served_groups_and_resources()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var version = await h.Client.Version.GetCodeAsync(Ct);
        var core = await h.Client.CoreV1.GetAPIResourcesAsync(Ct);
        var groups = await h.Client.Apis.GetAPIVersionsAsync(Ct);
        var game = await h.RawAsync(HttpMethod.Get, "/apis/game.kruise.io/v1alpha1");

        version.Major.ShouldBe("1");
        core.Resources.Select(r => r.Name).ShouldContain("pods");
        core.Resources.Select(r => r.Name).ShouldContain("persistentvolumeclaims");
        core.Resources.Select(r => r.Name).ShouldContain("events");
        groups.Groups.Select(g => g.Name).ShouldBe(["coordination.k8s.io", "game.kruise.io", "apiextensions.k8s.io"], ignoreOrder: true);
        var names = game.Body!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        names.ShouldBe(["gameserversets", "gameserversets/status", "gameserversets/scale", "gameservers", "gameservers/status"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_OpenKruiseGame_CRDs_are_served_under_apiextensions()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var crd = await h.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("gameserversets.game.kruise.io", cancellationToken: Ct);
        var all = await h.Client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: Ct);

        crd.Spec.Names.ShortNames.ShouldBe(["gss"]);
        crd.Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties["spec"].Properties["replicas"].Minimum.ShouldBe(0);
        all.Items.Select(c => c.Metadata.Name).ShouldBe(["gameservers.game.kruise.io", "gameserversets.game.kruise.io"], ignoreOrder: true);
    }

    [Fact]
    public async Task Create_fills_in_uid_resource_version_generation_and_creation_time()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var created = await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 0), Ns, Ct);
        var read = await h.ReadSetAsync("sd");

        created.Metadata.Uid.ShouldNotBeNullOrEmpty();
        created.Metadata.Generation.ShouldBe(1);
        created.Metadata.CreationTimestamp.ShouldNotBeNull();
        read.Metadata.Uid.ShouldBe(created.Metadata.Uid);
        long.Parse(read.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Creating_an_existing_name_answers_409_AlreadyExists()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.Conflict, () => h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 0), Ns, Ct));

        status["reason"]!.GetValue<string>().ShouldBe("AlreadyExists");
        status["message"]!.GetValue<string>().ShouldBe("gameserversets.game.kruise.io \"sd\" already exists");
    }

    [Fact]
    public async Task Reading_a_missing_object_answers_404_NotFound()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.NotFound, () => h.Sets.ReadNamespacedAsync<TestGameServerSet>(Ns, "nope", Ct));
        var pod = await EmulatorHarness.FailsWithAsync(HttpStatusCode.NotFound, () => h.Client.CoreV1.ReadNamespacedPodAsync("nope", Ns, cancellationToken: Ct));

        status["reason"]!.GetValue<string>().ShouldBe("NotFound");
        status["message"]!.GetValue<string>().ShouldBe("gameserversets.game.kruise.io \"nope\" not found");
        pod["message"]!.GetValue<string>().ShouldBe("pods \"nope\" not found");
        status["details"]!["name"]!.GetValue<string>().ShouldBe("nope");
    }

    [Fact]
    public async Task An_update_with_a_stale_resource_version_answers_409_Conflict()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        var stale = await h.ReadSetAsync("sd");
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);

        stale.Spec.Replicas = 2;
        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.Conflict, () => h.Sets.ReplaceNamespacedAsync(stale, Ns, "sd", Ct));

        status["reason"]!.GetValue<string>().ShouldBe("Conflict");
        status["message"]!.GetValue<string>().ShouldContain("the object has been modified; please apply your changes to the latest version and try again");
        (await h.ReadSetAsync("sd")).Spec.Replicas.ShouldBe(1);
    }

    [Fact]
    public async Task A_custom_resource_update_without_a_resource_version_is_invalid()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        var gss = await h.ReadSetAsync("sd");
        gss.Metadata.ResourceVersion = null;

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.UnprocessableEntity, () => h.Sets.ReplaceNamespacedAsync(gss, Ns, "sd", Ct));

        status["message"]!.GetValue<string>().ShouldContain("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
    }

    [Fact]
    public async Task One_resource_version_counter_orders_writes_across_kinds()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var lease = await h.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" }, Spec = new V1LeaseSpec { HolderIdentity = "a" } }, Ns, cancellationToken: Ct);
        var gss = await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 0), Ns, Ct);
        var ev = await h.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event { Metadata = new V1ObjectMeta { GenerateName = "audit." }, InvolvedObject = new V1ObjectReference { Kind = "GameServerSet", Name = "sd", NamespaceProperty = Ns }, Reason = "Install", Message = "installed" }, Ns, cancellationToken: Ct);

        var versions = new[] { lease.Metadata.ResourceVersion, gss.Metadata.ResourceVersion, ev.Metadata.ResourceVersion }.Select(long.Parse).ToList();
        versions.ShouldBe(versions.Order().ToList());
        versions.Distinct().Count().ShouldBe(3);
        ev.Metadata.Name.ShouldStartWith("audit.");
    }

    [Fact]
    public async Task Config_maps_are_served_with_create_get_list_by_name_and_optimistic_updates()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var created = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "sessions" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, Ns, cancellationToken: Ct);
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other" } }, Ns, cancellationToken: Ct);

        await EmulatorHarness.FailsWithAsync(HttpStatusCode.Conflict, () => h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "sessions" } }, Ns, cancellationToken: Ct));
        var listed = await h.Client.CoreV1.ListNamespacedConfigMapAsync(Ns, fieldSelector: "metadata.name=sessions", cancellationToken: Ct);
        listed.Items.Select(c => c.Metadata.Name).ShouldBe(["sessions"]);
        created.Data["b"] = "2";
        var updated = await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "sessions", Ns, cancellationToken: Ct);
        created.Data["c"] = "3";
        await EmulatorHarness.FailsWithAsync(HttpStatusCode.Conflict, () => h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "sessions", Ns, cancellationToken: Ct));

        var read = await h.Client.CoreV1.ReadNamespacedConfigMapAsync("sessions", Ns, cancellationToken: Ct);
        read.Data.ShouldBe(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        read.Metadata.ResourceVersion.ShouldBe(updated.Metadata.ResourceVersion);
        await EmulatorHarness.FailsWithAsync(HttpStatusCode.NotFound, () => h.Client.CoreV1.ReadNamespacedConfigMapAsync("missing", Ns, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_config_map_watched_by_name_streams_only_that_config_map()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var list = await h.Client.CoreV1.ListNamespacedConfigMapAsync(Ns, fieldSelector: "metadata.name=sessions", cancellationToken: Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(EmulatorHarness.Bound);
        var seen = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, map) in h.Client.CoreV1.WatchListNamespacedConfigMapAsync(
                Ns, fieldSelector: "metadata.name=sessions", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                seen.Add((type, string.Join(",", (map.Data ?? new Dictionary<string, string>()).Keys.Order())));
                if (seen.Count == 2)
                {
                    return;
                }
            }
        }, Ct);

        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other" } }, Ns, cancellationToken: Ct);
        var created = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "sessions" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, Ns, cancellationToken: Ct);
        created.Data["b"] = "2";
        await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "sessions", Ns, cancellationToken: Ct);
        await watching;

        seen.ShouldBe([(WatchEventType.Added, "a"), (WatchEventType.Modified, "a,b")]);
    }

    [Fact]
    public async Task Leases_support_optimistic_concurrency()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var lease = await h.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" }, Spec = new V1LeaseSpec { HolderIdentity = "a" } }, Ns, cancellationToken: Ct);
        lease.Spec.HolderIdentity = "b";
        await h.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", Ns, cancellationToken: Ct);

        lease.Spec.HolderIdentity = "c";
        await EmulatorHarness.FailsWithAsync(HttpStatusCode.Conflict, () => h.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", Ns, cancellationToken: Ct));

        (await h.Client.CoordinationV1.ReadNamespacedLeaseAsync("leader", Ns, cancellationToken: Ct)).Spec.HolderIdentity.ShouldBe("b");
    }

    [Fact]
    public async Task Merge_patch_changes_only_the_given_fields()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        var patched = await h.Sets.PatchNamespacedAsync<TestGameServerSet>(
            new V1Patch("""{"spec":{"replicas":2},"metadata":{"annotations":{"aigc-gateway.io/owners":"{}"}}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct);

        patched.Spec.Replicas.ShouldBe(2);
        patched.Spec.ScaleStrategy!.ScaleDownStrategyType.ShouldBe("ReserveIds");
        patched.Metadata.Annotations["aigc-gateway.io/owners"].ShouldBe("{}");
        patched.Metadata.Generation.ShouldBe(2);
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0, reserve: [1]);

        var patched = await h.Sets.PatchNamespacedAsync<TestGameServerSet>(
            new V1Patch("""[{"op":"test","path":"/spec/replicas","value":0},{"op":"replace","path":"/spec/replicas","value":1},{"op":"add","path":"/spec/reserveGameServerIds/-","value":"3-5"}]""", V1Patch.PatchType.JsonPatch), Ns, "sd", Ct);

        patched.Spec.Replicas.ShouldBe(1);
        patched.Spec.ReserveGameServerIds!.ToJsonString().ShouldBe("""[1,"3-5"]""");
    }

    [Fact]
    public async Task A_failed_json_patch_test_changes_nothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        await EmulatorHarness.FailsWithAsync(HttpStatusCode.UnprocessableEntity, () => h.Sets.PatchNamespacedAsync<TestGameServerSet>(
            new V1Patch("""[{"op":"test","path":"/spec/replicas","value":7},{"op":"replace","path":"/spec/replicas","value":1}]""", V1Patch.PatchType.JsonPatch), Ns, "sd", Ct));

        (await h.ReadSetAsync("sd")).Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task A_patch_carrying_a_stale_resource_version_answers_409()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var created = await h.CreateSetAsync("sd", 0);
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);

        await EmulatorHarness.FailsWithAsync(HttpStatusCode.Conflict, () => h.Sets.PatchNamespacedAsync<TestGameServerSet>(
            new V1Patch($$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct));
    }

    [Fact]
    public async Task Strategic_merge_patch_on_a_pod_is_applied_as_a_merge_patch()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1);

        var pod = await h.Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.StrategicMergePatch), "sd-0", Ns, cancellationToken: Ct);

        pod.Metadata.Labels["touched"].ShouldBe("yes");
        pod.Metadata.Labels["game.kruise.io/owner-gss"].ShouldBe("sd");
    }

    [Fact]
    public async Task Server_side_apply_is_refused_with_415()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        var (code, body) = await h.RawAsync(HttpMethod.Patch, $"/apis/game.kruise.io/v1alpha1/namespaces/{Ns}/gameserversets/sd", "{}", "application/apply-patch+yaml");

        code.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        body!["reason"]!.GetValue<string>().ShouldBe("UnsupportedMediaType");
    }

    [Fact]
    public async Task Replacing_the_main_resource_ignores_status_changes()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        var updated = await h.UpdateSetAsync("sd", g => { g.Spec.Replicas = 0; g.Status!["replicas"] = 42; });

        updated.Status!["replicas"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task The_status_subresource_changes_status_only_and_keeps_the_generation()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        var result = await h.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(
            new V1Patch("""{"spec":{"replicas":9},"status":{"labelSelector":"custom"}}""", V1Patch.PatchType.MergePatch),
            "game.kruise.io", "v1alpha1", Ns, "gameserversets", "sd", cancellationToken: Ct);

        result["status"]!["labelSelector"]!.GetValue<string>().ShouldBe("custom");
        result["spec"]!["replicas"]!.GetValue<int>().ShouldBe(0);
        result["metadata"]!["generation"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Label_selectors_filter_lists_with_equality_and_set_terms()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("a", 0);
        var other = EmulatorHarness.NewSet("b", 0);
        other.Metadata.Labels = new Dictionary<string, string> { ["aigc"] = "false", ["tier"] = "gold" };
        await h.Sets.CreateNamespacedAsync(other, Ns, Ct);

        async Task<List<string>> Names(string selector) =>
            [.. (await h.Sets.ListNamespacedAsync<TestGameServerSetList>(Ns, labelSelector: selector, cancel: Ct)).Items.Select(i => i.Metadata.Name)];

        (await Names("aigc=true")).ShouldBe(["a"]);
        (await Names("aigc!=true")).ShouldBe(["b"]);
        (await Names("aigc in (true,false)")).ShouldBe(["a", "b"]);
        (await Names("tier")).ShouldBe(["b"]);
        (await Names("!tier")).ShouldBe(["a"]);
    }

    [Fact]
    public async Task Field_selectors_filter_events_by_involved_object()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 2);

        var events = await h.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.kind=Pod,involvedObject.name=sd-1", cancellationToken: Ct);

        events.Items.ShouldNotBeEmpty();
        events.Items.ShouldAllBe(e => e.InvolvedObject.Name == "sd-1" && e.InvolvedObject.Kind == "Pod");
        events.Items.Select(e => e.Reason).ShouldBe(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    }

    [Fact]
    public async Task Lists_page_with_limit_and_continue()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 5);

        var first = await h.Servers.ListNamespacedAsync<TestGameServerList>(Ns, limit: 2, cancel: Ct);
        var rest = await h.Servers.ListNamespacedAsync<TestGameServerList>(Ns, limit: 10, continueToken: first.Metadata.ContinueProperty, cancel: Ct);

        first.Items.Count.ShouldBe(2);
        first.Metadata.RemainingItemCount.ShouldBe(3);
        rest.Items.Count.ShouldBe(3);
        rest.Metadata.ContinueProperty.ShouldBeNull();
    }

    [Fact]
    public async Task Deleting_an_owner_deletes_the_objects_it_owns()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var pod = await h.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "lonely" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, Ns, cancellationToken: Ct);
        await h.Servers.CreateNamespacedAsync(new TestGameServer
        {
            Metadata = new V1ObjectMeta
            {
                Name = "lonely",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = "lonely", Uid = pod.Metadata.Uid, Controller = true }],
            },
            Spec = new JsonObject { ["opsState"] = "None" },
        }, Ns, Ct);

        await h.Client.CoreV1.DeleteNamespacedPodAsync("lonely", Ns, cancellationToken: Ct);

        await EmulatorHarness.FailsWithAsync(HttpStatusCode.NotFound, () => h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "lonely", Ct));
    }

    [Fact]
    public async Task A_delete_with_a_stale_precondition_answers_409()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        await EmulatorHarness.FailsWithAsync(HttpStatusCode.Conflict, () => h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            "game.kruise.io", "v1alpha1", Ns, "gameserversets", "sd", new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = "1" } }, cancellationToken: Ct));

        (await h.ReadSetAsync("sd")).Metadata.Name.ShouldBe("sd");
    }

    [Fact]
    public async Task A_negative_replica_count_is_rejected_with_422_naming_the_field()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.UnprocessableEntity, () => h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", -1), Ns, Ct));

        status["reason"]!.GetValue<string>().ShouldBe("Invalid");
        status["message"]!.GetValue<string>().ShouldBe("GameServerSet.game.kruise.io \"sd\" is invalid: spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0");
        status["details"]!["causes"]![0]!["field"]!.GetValue<string>().ShouldBe("spec.replicas");
    }

    [Fact]
    public async Task A_reserve_item_that_is_neither_integer_nor_string_is_rejected_with_422()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.UnprocessableEntity, () => h.Sets.PatchNamespacedAsync<TestGameServerSet>(
            new V1Patch("""{"spec":{"reserveGameServerIds":[1, true]}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct));

        status["message"]!.GetValue<string>().ShouldContain("spec.reserveGameServerIds[1]: Invalid value: \"boolean\"");
    }

    [Fact]
    public async Task A_missing_required_field_is_rejected_with_422()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var (code, body) = await h.RawAsync(HttpMethod.Post, $"/apis/game.kruise.io/v1alpha1/namespaces/{Ns}/gameserversets",
            """{"apiVersion":"game.kruise.io/v1alpha1","kind":"GameServerSet","metadata":{"name":"sd"},"spec":{"gameServerTemplate":{}}}""");

        code.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body!["message"]!.GetValue<string>().ShouldContain("spec.replicas: Required value");
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_except_in_the_schemaless_pod_template()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        var patched = await h.Sets.PatchNamespacedAsync<TestGameServerSet>(new V1Patch(
            """{"spec":{"bogus":1,"gameServerTemplate":{"spec":{"priorityClassName":"high"}}}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct);

        (patched.Spec.Other ?? []).ShouldNotContainKey("bogus");
        patched.Spec.GameServerTemplate!["spec"]!["priorityClassName"]!.GetValue<string>().ShouldBe("high");
    }

    [Fact]
    public async Task The_written_kubeconfig_works_with_the_production_client()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"aigc-kubeconfig-{Guid.NewGuid():N}");
        try
        {
            h.Emulator.WriteKubeconfig(path).ShouldBe(path);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(config);

            var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: Ct);

            namespaces.Items.Select(n => n.Metadata.Name).ShouldContain("aigc");
            config.Namespace.ShouldBe("aigc");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Writing_into_a_new_namespace_makes_the_namespace_appear()
    {
        await using var h = await EmulatorHarness.StartAsync();

        await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 0), Ns, Ct);

        (await h.Client.CoreV1.ReadNamespaceAsync(Ns, cancellationToken: Ct)).Status.Phase.ShouldBe("Active");
    }
}
