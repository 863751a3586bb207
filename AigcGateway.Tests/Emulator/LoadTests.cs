using System.Diagnostics;
using AigcGateway.Tests.Emulator.Models;
using AigcGateway.Tests.Infrastructure;
using k8s.Models;

namespace AigcGateway.Tests.Emulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
[Collection(AloneCollection.Name)]
public sealed class LoadTests
{
    private const int Instances = 5_000;
    private const int Watches = 50;

    [Fact]
    public async Task Five_thousand_game_servers_and_fifty_concurrent_watches_are_served_without_errors()
    {
        var ct = EmulatorHarness.Ct;
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("load", 0);
        using var http = new HttpClient { BaseAddress = h.Emulator.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var from = h.Emulator.ResourceVersion;
        var watch = Stopwatch.StartNew();

        // each watch counts the GameServers it saw reach Ready (the last MODIFIED of every instance)
        var watches = Enumerable.Range(0, Watches).Select(_ => Task.Run(async () =>
        {
            using var response = await http.GetAsync(
                $"/apis/game.kruise.io/v1alpha1/namespaces/{EmulatorHarness.Ns}/gameservers?watch=true&resourceVersion={from}",
                HttpCompletionOption.ResponseHeadersRead, cts.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
            var added = 0;
            var ready = 0;
            while (ready < Instances && await reader.ReadLineAsync(cts.Token) is { } line)
            {
                line.ShouldNotStartWith("{\"type\":\"ERROR\"");
                if (line.StartsWith("{\"type\":\"ADDED\"", StringComparison.Ordinal))
                {
                    added++;
                }
                else if (line.Contains("\"currentState\":\"Ready\"", StringComparison.Ordinal) && line.Contains("\"currentNetworkState\":\"Ready\"", StringComparison.Ordinal))
                {
                    ready++;
                }
            }

            return (added, ready);
        }, cts.Token)).ToList();
        await Eventually.HoldsAsync(() => h.Emulator.WatchCount >= Watches, $"the emulator serves all {Watches} watches", TimeSpan.FromSeconds(30));

        await h.Sets.PatchNamespacedAsync<TestGameServerSet>(new V1Patch($$$"""{"spec":{"replicas":{{{Instances}}}}}""", V1Patch.PatchType.MergePatch), EmulatorHarness.Ns, "load", ct);
        var results = await Task.WhenAll(watches);
        await h.SettleAsync();
        var list = await h.Servers.ListNamespacedAsync<TestGameServerList>(EmulatorHarness.Ns, cancel: ct);

        results.ShouldAllBe(r => r.added == Instances && r.ready == Instances);
        list.Items.Count.ShouldBe(Instances);
        list.Items.ShouldAllBe(g => g.CurrentState == "Ready");
        // how fast is not asserted here (a loaded machine stretches it past any fixed bound): the watches are cancelled
        // after 60 s, which fails the test, and the time is reported for whoever reads the output
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"{Instances} game servers to {Watches} watches in {watch.Elapsed}");
    }
}
