using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Tests.Integration;

/// <summary>
/// Reserved ids are released once nothing holds them any more, on an emulator that protects PVCs as a real cluster does
/// (deleted is not gone): after uninstall, for ids leaked earlier, never for a legacy instance not adopted yet.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class IdReleaseTests
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");
    private static readonly string Alice = LogtoDemoUsers.Alice.Id;
    private static readonly string Bob = LogtoDemoUsers.Bob.Id;

    private const string GameServerSetPath = "apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets/sd-cpu";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>
    /// Waits for the release, which is background work (under the Lease, after adoption, on the PVC watch): 60 s, since
    /// on a machine under heavy load 20 s proved too short; on timeout the message says where the release stood.
    /// </summary>
    private static async Task WhenReleasedAsync(GatewayAppFactory app, TemplateRef template, int id)
    {
        var catalog = app.Services.GetRequiredService<ICatalog>();
        try
        {
            await app.Services.GetRequiredService<SnapshotHub>().WaitUntilAsync(
                s => s.Templates.TryGetValue(template, out var state) && !state.Reserved.Contains(id) && !state.Owners.ContainsKey(id),
                TimeSpan.FromSeconds(60),
                $"id {id} of {template} is released");
        }
        catch (TimeoutException e)
        {
            var snapshot = catalog.Snapshot;
            var state = snapshot.Templates.GetValueOrDefault(template);
            var releaser = app.Services.GetRequiredService<ReservedIdReleaser>();
            throw new TimeoutException(
                $"{e.Message} Reserved: [{(state is null ? "" : string.Join(", ", state.Reserved))}], owners: [{(state is null ? "" : string.Join(", ", state.Owners.Keys))}], " +
                $"volumes of the id: [{string.Join(", ", snapshot.Volumes.Where(v => v.EndsWith($"-{template.Name}-{id}", StringComparison.Ordinal)))}], " +
                $"release gate open: {app.Services.GetRequiredService<IReleaseGate>().IsOpen}, " +
                $"GameServer of the id: {snapshot.GameServer(new InstanceRef(template, id)) is not null}, pod of the id: {snapshot.Pods.ContainsKey(new InstanceRef(template, id))}, " +
                $"settled: {state is not null && ReleasePlanner.Settled(state, snapshot)}, installable: {state?.Template.IsInstallable}, " +
                $"releaser evaluated snapshot {releaser.EvaluatedVersion} of {snapshot.Version}.", e);
        }
    }

    private static async Task PatchAsync(GatewayAppFactory app, string path, string json)
    {
        using var http = new HttpClient { BaseAddress = app.Kubernetes.BaseAddress };
        using var body = new StringContent(json, Encoding.UTF8, "application/merge-patch+json");
        (await http.PatchAsync(new Uri(path, UriKind.Relative), body, Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Uninstall_frees_the_id_once_the_protected_pvc_is_really_gone_and_the_next_user_gets_it()
    {
        await using var app = new GatewayAppFactory();
        app.Kubernetes.Options.PvcProtection.ShouldBeTrue();
        var instances = app.Services.GetRequiredService<IInstanceService>();
        var catalog = app.Services.GetRequiredService<ICatalog>();
        await instances.WaitForReadyAsync();
        var alice = (await instances.InstallAsync(Alice, SdCpu, Ct)).Instance!;
        await instances.WaitForStateAsync(Alice, SdCpu, InstanceState.Running);

        (await instances.UninstallAsync(Alice, alice, Ct)).Succeeded.ShouldBeTrue();

        await WhenReleasedAsync(app, SdCpu, alice.Id);
        catalog.Snapshot.Volumes.ShouldNotContain(v => v.EndsWith($"-sd-cpu-{alice.Id}", StringComparison.Ordinal));
        (await instances.InstallAsync(Bob, SdCpu, Ct)).Instance!.Id.ShouldBe(alice.Id, "the freed id is the lowest free one again");
    }

    [Fact]
    public async Task A_game_server_set_left_with_a_leaked_reserved_id_is_repaired()
    {
        await using var app = new GatewayAppFactory();
        var catalog = app.Services.GetRequiredService<ICatalog>();
        await app.Services.GetRequiredService<IInstanceService>().WaitForReadyAsync();

        // a watch from now on, so the release is seen even when the gateway makes it before its own cache shows the id
        using var http = new HttpClient { BaseAddress = app.Kubernetes.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var from = (await http.GetFromJsonAsync<JsonObject>(new Uri(GameServerSetPath, UriKind.Relative), Ct))!["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var watch = await http.GetAsync(
            new Uri($"apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets?watch=1&fieldSelector=metadata.name%3Dsd-cpu&resourceVersion={from}", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, Ct);
        watch.EnsureSuccessStatusCode();

        // what an earlier gateway version left behind: id 4 reserved, nobody owns it, no pod, no PVC
        await PatchAsync(app, GameServerSetPath, """{"spec":{"reserveGameServerIds":[4]}}""");

        // only the gateway removes the id from the GameServerSet: the first update after the patch with an empty list
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync(Ct));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        var reserved = false;
        while (true)
        {
            var line = await reader.ReadLineAsync(limit.Token);
            line.ShouldNotBeNull("the watch ended before the leaked id 4 was released from spec.reserveGameServerIds");
            var ids = JsonNode.Parse(line)!["object"]?["spec"]?["reserveGameServerIds"] as JsonArray;
            if (ids is { Count: > 0 })
            {
                reserved = true;
            }
            else if (reserved)
            {
                break;
            }
        }

        await WhenReleasedAsync(app, SdCpu, 4);
    }

    [Fact]
    public async Task A_paused_instance_of_the_earlier_gateway_keeps_its_id_until_adoption_and_then_belongs_to_its_user()
    {
        await using var cluster = new GatewayAppFactory();
        var legacy = new TemplateRef("aigc", "legacy");
        await CreateLegacyTemplateAsync(cluster);
        cluster.Logto.SetCustomData(Alice, new JsonObject
        {
            ["aigc-legacy"] = new JsonObject { ["Name"] = "legacy", ["Namespace"] = "aigc", ["ID"] = "0", ["Type"] = "" },
        });
        cluster.Logto.FailNextApiCalls(1_000_000); // Logto is down: adoption cannot complete yet
        await using var app = cluster.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(sp => new UserMirrorReconciler(
            sp.GetRequiredService<ILogtoUsers>(),
            sp.GetRequiredService<IInstanceOwnershipSource>(),
            sp.GetRequiredService<IOwnershipAdopter>(),
            sp.GetRequiredService<MirrorWriteQueue>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<UserMirrorReconciler>>()) { RetryInterval = TimeSpan.FromMilliseconds(300) })));
        var catalog = app.Services.GetRequiredService<ICatalog>();
        var releaser = app.Services.GetRequiredService<ReservedIdReleaser>();
        await app.Services.GetRequiredService<IInstanceService>().WaitForReadyAsync();
        var seen = catalog.Snapshot.Version;
        catalog.Snapshot.Templates.ShouldContainKey(legacy);

        await Eventually.HoldsAsync(() => releaser.EvaluatedVersion >= seen, "the releaser looked at the legacy template");
        catalog.Snapshot.Templates[legacy].Reserved.Contains(0).ShouldBeTrue("nothing in the cluster holds id 0, but adoption has not run");

        cluster.Logto.FailNextApiCalls(0);
        await app.Services.GetRequiredService<SnapshotHub>().WaitUntilAsync(s => s.OwnerOf(new InstanceRef(legacy, 0)) == Alice);
        var adopted = catalog.Snapshot.Version;
        await Eventually.HoldsAsync(() => releaser.EvaluatedVersion >= adopted, "the releaser looked again");

        catalog.Snapshot.Templates[legacy].Reserved.Contains(0).ShouldBeTrue();
        (await app.Services.GetRequiredService<IInstanceService>().DashboardAsync(Alice)).InstanceOf(legacy)!.State.ShouldBe(InstanceState.Paused);
    }

    /// <summary>A template as the earlier gateway's users had it: no volume claim templates, one paused instance (id 0 reserved).</summary>
    private static async Task CreateLegacyTemplateAsync(GatewayAppFactory cluster)
    {
        using var http = new HttpClient { BaseAddress = cluster.Kubernetes.BaseAddress };
        var gss = (await http.GetFromJsonAsync<JsonObject>(new Uri("apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets/sd-cpu", UriKind.Relative), Ct))!;
        gss.Remove("status");
        gss["metadata"] = new JsonObject { ["name"] = "legacy", ["namespace"] = "aigc", ["labels"] = gss["metadata"]!["labels"]?.DeepClone(), ["annotations"] = new JsonObject() };
        var spec = (JsonObject)gss["spec"]!;
        ((JsonObject)spec["gameServerTemplate"]!).Remove("volumeClaimTemplates");
        var containers = (JsonArray)spec["gameServerTemplate"]!["spec"]!["containers"]!;
        foreach (var container in containers.OfType<JsonObject>())
        {
            container.Remove("volumeMounts");
        }

        spec["replicas"] = 0;
        spec["reserveGameServerIds"] = new JsonArray(0);
        (await http.PostAsJsonAsync(new Uri("apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets", UriKind.Relative), gss, Ct)).EnsureSuccessStatusCode();
    }
}
