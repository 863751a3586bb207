using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Core;

/// <summary>The real KubernetesClient-based adapter against a small in-process HTTP fake of the API server.</summary>
public sealed class KubernetesClientApiTests : IAsyncDisposable
{
    private const string GssPath = "/apis/game.kruise.io/v1alpha1/namespaces/default/gameserversets";
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication? _server;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<KubernetesClientApi> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Run(async context =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            await handler(context);
        });
        await _server.StartAsync(Ct);
        var url = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KubernetesClientApi(new k8s.Kubernetes(KubernetesRegistration.Configuration(new KubernetesConnection(url))));
    }

    private static Task Json(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    private static string Status(int code, string reason) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{reason}}","reason":"{{reason}}","code":{{code}}}""";

    private static string GssJson() => Fixture.Read("gameserverset-ingress-reserveids.json").ReplaceLineEndings(" ");

    [Fact]
    public async Task Game_server_sets_are_listed_with_the_list_version()
    {
        var api = await StartAsync(c => Json(c, $$"""{"apiVersion":"game.kruise.io/v1alpha1","kind":"GameServerSetList","metadata":{"resourceVersion":"42"},"items":[{{GssJson()}}]}"""));

        var list = await api.ListAsync<GameServerSet>(WatchedKind.GameServerSets, "default", "aigc=true", Ct);

        list.ResourceVersion.ShouldBe("42");
        list.Items.ShouldHaveSingleItem().Metadata.Name.ShouldBe("sd-cpu");
        _requests.ShouldHaveSingleItem().ShouldStartWith($"GET {GssPath}?");
        _requests.Single().ShouldContain("labelSelector=aigc%3Dtrue");
    }

    [Fact]
    public async Task A_watch_yields_events_and_reports_410_as_an_error_event()
    {
        var api = await StartAsync(async c =>
        {
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync($$"""{"type":"MODIFIED","object":{{GssJson()}}}""" + "\n");
            await c.Response.Body.FlushAsync();
            await c.Response.WriteAsync($$"""{"type":"ERROR","object":{{Status(410, "Expired")}}}""" + "\n");
        });

        var events = new List<KubeEvent<GameServerSet>>();
        await foreach (var ev in api.WatchAsync<GameServerSet>(WatchedKind.GameServerSets, "default", null, "41", Ct))
        {
            events.Add(ev);
        }

        events.Count.ShouldBe(3);
        events[0].Connected.ShouldBeTrue("the first item says the stream is open");
        events[1].Type.ShouldBe(WatchEventType.Modified);
        events[1].ResourceVersion.ShouldBe("918273");
        events[2].ErrorCode.ShouldBe(410);
        _requests.Single().ShouldContain("watch=true");
        _requests.Single().ShouldContain("resourceVersion=41");
    }

    [Fact]
    public async Task A_missing_game_server_set_reads_as_null()
    {
        var api = await StartAsync(c => Json(c, Status(404, "NotFound"), 404));

        (await api.ReadGameServerSetAsync("default", "missing", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task An_update_sends_the_resource_version_and_keeps_unknown_fields()
    {
        string? body = null;
        var api = await StartAsync(async c =>
        {
            body = await new StreamReader(c.Request.Body).ReadToEndAsync();
            await Json(c, body);
        });
        var gss = KubernetesJson.Deserialize<GameServerSet>(GssJson());

        await api.ReplaceGameServerSetAsync(gss, Ct);

        _requests.Single().ShouldBe($"PUT {GssPath}/sd-cpu");
        var sent = JsonNode.Parse(body!)!;
        sent["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe("918273");
        sent["spec"]!["updateStrategy"]!["rollingUpdate"]!["podUpdatePolicy"]!.GetValue<string>().ShouldBe("InPlaceIfPossible");
        sent["spec"]!["gameServerTemplate"]!["spec"]!["containers"]![0]!["readinessProbe"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_409_on_update_is_a_conflict()
    {
        var api = await StartAsync(c => Json(c, Status(409, "Conflict"), 409));

        await Should.ThrowAsync<ClusterConflictException>(() => api.ReplaceGameServerSetAsync(KubernetesJson.Deserialize<GameServerSet>(GssJson()), Ct));
    }

    [Fact]
    public async Task A_500_on_update_is_a_cluster_error_with_its_status()
    {
        var api = await StartAsync(c => Json(c, Status(500, "InternalError"), 500));

        var ex = await Should.ThrowAsync<ClusterException>(() => api.ReplaceGameServerSetAsync(KubernetesJson.Deserialize<GameServerSet>(GssJson()), Ct));

        ex.ShouldNotBeOfType<ClusterConflictException>();
        ex.StatusCode.ShouldBe(500);
    }

    [Fact]
    public async Task Deleting_a_missing_pod_is_not_an_error()
    {
        var api = await StartAsync(c => Json(c, Status(404, "NotFound"), 404));

        await api.DeletePodAsync("default", "sd-cpu-2", Ct);

        _requests.Single().ShouldBe("DELETE /api/v1/namespaces/default/pods/sd-cpu-2");
    }

    [Fact]
    public async Task A_deleted_volume_is_checked_to_be_gone()
    {
        var api = await StartAsync(c => c.Request.Method == "DELETE"
            ? Json(c, """{"kind":"PersistentVolumeClaim","apiVersion":"v1","metadata":{"name":"user-data-sd-cpu-2","namespace":"default"}}""")
            : Json(c, Status(404, "NotFound"), 404));

        (await api.DeletePersistentVolumeClaimAsync("default", "user-data-sd-cpu-2", Ct)).ShouldBeTrue();

        _requests.ShouldBe(["DELETE /api/v1/namespaces/default/persistentvolumeclaims/user-data-sd-cpu-2", "GET /api/v1/namespaces/default/persistentvolumeclaims/user-data-sd-cpu-2"]);
    }

    [Fact]
    public async Task A_volume_still_terminating_is_reported_as_not_gone()
    {
        var api = await StartAsync(c => Json(c, """{"kind":"PersistentVolumeClaim","apiVersion":"v1","metadata":{"name":"p","namespace":"default","deletionTimestamp":"2024-03-22T10:00:00Z"}}"""));

        (await api.DeletePersistentVolumeClaimAsync("default", "p", Ct)).ShouldBeFalse();
    }
}
