using System.Net;
using System.Net.Sockets;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Emulator;

/// <summary>The emulator's connection faults: an unreachable API (refused or reset) and a reset of every open connection.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class OutageTests
{
    private static string Ns => EmulatorHarness.Ns;

    private static CancellationToken Ct => EmulatorHarness.Ct;

    [Fact]
    public async Task A_refused_outage_refuses_connections_and_afterwards_the_same_address_answers_with_a_rebuilt_watch_cache()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var version = (await h.CreateSetAsync("sd", 0)).Metadata.ResourceVersion;

        await h.Emulator.Faults.MakeUnreachableAsync(TimeSpan.FromMinutes(5));

        h.Emulator.Faults.IsUnreachable.ShouldBeTrue();
        var refused = await Should.ThrowAsync<HttpRequestException>(() => h.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct));
        (refused.InnerException as SocketException)?.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);

        await h.Emulator.Faults.RestoreAsync();

        h.Emulator.Faults.IsUnreachable.ShouldBeFalse();
        (await h.ReadSetAsync("sd")).Metadata.Name.ShouldBe("sd");
        var (_, body) = await h.RawAsync(HttpMethod.Get, $"/apis/game.kruise.io/v1alpha1/namespaces/{Ns}/gameserversets?watch=true&resourceVersion={version}");
        body!["object"]!["code"]!.GetValue<int>().ShouldBe(410, "a restarted API server answers 410 to every resumed watch");
    }

    [Fact]
    public async Task A_reset_outage_resets_every_connection_and_loses_no_history()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var version = (await h.CreateSetAsync("sd", 0)).Metadata.ResourceVersion;

        await h.Emulator.Faults.MakeUnreachableAsync(TimeSpan.FromMinutes(5), UnreachableMode.Reset);

        await Should.ThrowAsync<HttpRequestException>(() => h.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct));
        await h.Emulator.Faults.RestoreAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(EmulatorHarness.Bound);
        var updated = h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);
        var errors = new List<Exception>();
        await foreach (var (type, obj) in h.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            "game.kruise.io", "v1alpha1", Ns, "gameserversets", resourceVersion: version, onError: errors.Add, cancellationToken: cts.Token))
        {
            type.ShouldNotBe(WatchEventType.Error);
            if (KubernetesJson.Serialize(obj).Contains("\"replicas\":1", StringComparison.Ordinal))
            {
                break;
            }
        }

        errors.ShouldBeEmpty("the history survived a reset: the watch resumed without 410");

        await updated;
    }

    [Fact]
    public async Task Resetting_connections_fails_open_watches_at_once_and_new_requests_work()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(EmulatorHarness.Bound);
        var opened = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in h.Client.CoreV1.WatchListNamespacedPodAsync(Ns, cancellationToken: cts.Token))
            {
            }
        }, Ct);
        await Eventually.HoldsAsync(() => h.Emulator.WatchCount > 0, "the watch is open");

        h.Emulator.Faults.ResetConnections();

        var ended = await Should.ThrowAsync<Exception>(() => watching.WaitAsync(EmulatorHarness.Bound, Ct));
        ended.ShouldNotBeOfType<TimeoutException>();
        ended.ShouldNotBeAssignableTo<OperationCanceledException>();
        (await h.ReadSetAsync("sd")).Metadata.Name.ShouldBe("sd");
    }

    [Fact]
    public async Task An_outage_ends_by_itself_after_its_duration_on_the_emulators_clock()
    {
        var time = new FakeTimeProvider();
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { TimeProvider = time });
        await h.Emulator.Faults.MakeUnreachableAsync(TimeSpan.FromSeconds(30));

        time.Advance(TimeSpan.FromSeconds(29));
        h.Emulator.Faults.IsUnreachable.ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.HoldsAsync(() => !h.Emulator.Faults.IsUnreachable, "the outage ended");
        (await h.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_accepted_bearer_tokens_get_through_and_requests_are_recorded()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.Requests.AcceptOnly("rotated");

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.Unauthorized, () => h.Client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "a=b", cancellationToken: Ct));
        using var rotated = new Kubernetes(new KubernetesClientConfiguration { Host = h.Emulator.BaseAddress.ToString(), AccessToken = "rotated" });
        var pods = await rotated.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct);

        status["reason"]!.GetValue<string>().ShouldBe("Unauthorized");
        pods.Items.ShouldBeEmpty();
        h.Emulator.Requests.Recent.ShouldContain(r => r.Method == "GET" && r.Path == $"/api/v1/namespaces/{Ns}/pods" && r.Query.Contains("labelSelector=a%3Db", StringComparison.Ordinal));
    }
}
