using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AigcGateway.Tests.Core;

/// <summary>The whole core (DI, cache, lifecycle, real client) against <see cref="MiniApiServer"/> over HTTP.</summary>
public sealed class GatewayCoreOverHttpTests : IAsyncDisposable
{
    private static readonly TemplateRef s_template = new("default", "sd-cpu");
    private readonly MiniApiServer _server = new();
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

        await _server.DisposeAsync();
    }

    private async Task<IInstanceService> StartAsync()
    {
        var gss = System.Text.Json.Nodes.JsonNode.Parse(Fixture.CurrentTemplate())!;
        gss["spec"]!["replicas"] = 0;
        _server.Add(gss.ToJsonString());
        await _server.StartAsync(Ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(new GatewayCoreOptions
        {
            Kubernetes = new KubernetesConnection(_server.Url),
            LegacyConfigFile = null,
            Lifecycle = new LifecycleOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1), CoalesceWindow = TimeSpan.Zero },
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

    [Fact]
    public async Task An_install_updates_the_game_server_set_and_the_dashboard_follows_the_watch()
    {
        var instances = await StartAsync();
        await using var subscription = await instances.SubscribeAsync("alice", Ct);

        var result = await instances.InstallAsync("alice", s_template, Ct);

        result.Instance.ShouldBe(new InstanceRef(s_template, 0));
        var stored = _server.Get("sd-cpu");
        stored["spec"]!["replicas"]!.GetValue<int>().ShouldBe(1);
        stored["metadata"]!["annotations"]![TemplateAnnotations.Owners]!.GetValue<string>().ShouldBe("""{"0":"alice"}""");
        stored["spec"]!["reserveGameServerIds"]!.ToJsonString().ShouldBe("""[1,"3-5"]""");
        stored["spec"]!["updateStrategy"].ShouldNotBeNull();

        var seen = await subscription.WaitForAsync(d => d.InstanceOf(s_template) is not null, "alice's new instance on her dashboard");
        seen.InstanceOf(s_template)!.State.ShouldBe(InstanceState.Installing);
    }

    private async Task WaitForReplicas(int replicas)
    {
        var catalog = _provider!.GetRequiredService<ICatalog>();
        var hub = _provider!.GetRequiredService<SnapshotHub>();
        await hub.WaitUntilAsync(s => s.Templates.GetValueOrDefault(s_template)?.Replicas == replicas, TimeSpan.FromSeconds(10));
        catalog.Snapshot.Templates[s_template].Replicas.ShouldBe(replicas);
    }

    [Fact]
    public async Task A_410_event_on_the_watch_makes_the_cache_list_again_and_see_missed_changes()
    {
        await StartAsync();
        await _server.WaitForWatchAsync(Ct);
        _server.SetQuietly("sd-cpu", gss => gss["spec"]!["replicas"] = 7);

        _server.ExpireWatches();

        await WaitForReplicas(7);
        await _server.WaitForWatchAsync(Ct);
        _server.Requests.Count(r => r == "GET /apis/game.kruise.io/v1alpha1/gameserversets").ShouldBe(2);
    }

    [Fact]
    public async Task An_http_410_answer_to_a_re_watch_after_a_drop_makes_the_cache_list_again()
    {
        await StartAsync();
        await _server.WaitForWatchAsync(Ct);
        _server.SetQuietly("sd-cpu", gss => gss["spec"]!["replicas"] = 4);
        _server.FailNextWatchWithGone = true;

        _server.DropWatches();

        await WaitForReplicas(4);
        await _server.WaitForWatchAsync(Ct);
        _server.Requests.Count(r => r == "GET /apis/game.kruise.io/v1alpha1/gameserversets?watch").ShouldBe(3);
        _server.Requests.Count(r => r == "GET /apis/game.kruise.io/v1alpha1/gameserversets").ShouldBe(2);
    }

    [Fact]
    public async Task Conflicts_over_http_are_retried_after_re_reading()
    {
        var instances = await StartAsync();
        _server.ConflictsToInject = 2;

        var result = await instances.InstallAsync("alice", s_template, Ct);

        result.Succeeded.ShouldBeTrue();
        _server.Requests.Count(r => r.StartsWith("PUT", StringComparison.Ordinal)).ShouldBe(3);
        _server.Requests.Count(r => r == "GET /apis/game.kruise.io/v1alpha1/namespaces/default/gameserversets/sd-cpu").ShouldBe(2);
    }
}
