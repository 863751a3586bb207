using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AigcGateway.Tests.Emulator.Models;
using AigcGateway.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace AigcGateway.Tests.Emulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class WatchTests
{
    private static string Ns => EmulatorHarness.Ns;

    private static CancellationToken Ct => EmulatorHarness.Ct;

    /// <summary>Bookmarks come about once a minute by default (the watch cache's cadence); the bookmark tests ask for them often.</summary>
    private static readonly AigcGateway.Emulators.Kubernetes.KubernetesEmulatorOptions FrequentBookmarks =
        AigcGateway.Emulators.Kubernetes.KubernetesEmulatorOptions.ForTests with { BookmarkInterval = TimeSpan.FromMilliseconds(100) };

    private static async IAsyncEnumerable<(WatchEventType Type, TestGameServerSet Object)> WatchSets(
        EmulatorHarness h, [EnumeratorCancellation] CancellationToken ct, string? resourceVersion = null, bool bookmarks = false, int? timeoutSeconds = null, string? labelSelector = null, Action<Exception>? onError = null)
    {
        await foreach (var (type, obj) in h.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            "game.kruise.io", "v1alpha1", Ns, "gameserversets", allowWatchBookmarks: bookmarks, labelSelector: labelSelector,
            resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct))
        {
            var json = obj is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(obj);
            yield return (type, KubernetesJson.Deserialize<TestGameServerSet>(json));
        }
    }

    private static async Task<List<(WatchEventType Type, TestGameServerSet Object)>> TakeAsync(
        IAsyncEnumerable<(WatchEventType Type, TestGameServerSet Object)> events, int count, Func<(WatchEventType Type, TestGameServerSet Object), bool>? filter = null)
    {
        var result = new List<(WatchEventType Type, TestGameServerSet Object)>();
        await foreach (var e in events)
        {
            if (filter?.Invoke(e) ?? true)
            {
                result.Add(e);
            }

            if (result.Count == count)
            {
                return result;
            }
        }

        // the stream ended (server timeout, drop, or the bound cancelled it) before enough events came
        throw new TimeoutException($"The watch ended after {result.Count} of the {count} expected events: [{string.Join(", ", result.Select(e => $"{e.Type} {e.Object.Metadata?.Name}"))}].");
    }

    private static CancellationTokenSource Bounded()
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(EmulatorHarness.Bound);
        return cts;
    }

    [Fact]
    public async Task A_watch_streams_added_modified_and_deleted_events()
    {
        await using var h = await EmulatorHarness.StartAsync();
        using var cts = Bounded();
        var start = h.Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watching = TakeAsync(WatchSets(h, cts.Token, start), 3, e => e.Type != WatchEventType.Modified || e.Object.Metadata.Labels.ContainsKey("x"));

        await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 0), Ns, Ct);
        await h.SettleAsync();
        await h.Sets.PatchNamespacedAsync<TestGameServerSet>(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct);
        await h.Sets.DeleteNamespacedAsync<TestGameServerSet>(Ns, "sd", Ct);

        var events = await watching;
        events.Select(e => e.Type).ShouldBe([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted]);
        events.ShouldAllBe(e => e.Object.Metadata.Name == "sd");
    }

    [Fact]
    public async Task A_watch_without_a_version_starts_with_the_existing_objects()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("a", 0);
        await h.CreateSetAsync("b", 0);
        using var cts = Bounded();

        var events = await TakeAsync(WatchSets(h, cts.Token), 2);

        events.Select(e => (e.Type, e.Object.Metadata.Name)).ShouldBe([(WatchEventType.Added, "a"), (WatchEventType.Added, "b")]);
    }

    [Fact]
    public async Task A_watch_resumes_after_the_given_resource_version()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var created = await h.CreateSetAsync("sd", 0);
        await h.UpdateSetAsync("sd", g => g.Metadata.Labels["step"] = "1");
        var resumeFrom = (await h.ReadSetAsync("sd")).Metadata.ResourceVersion;
        await h.UpdateSetAsync("sd", g => g.Metadata.Labels["step"] = "2");
        await h.UpdateSetAsync("sd", g => g.Metadata.Labels["step"] = "3");
        using var cts = Bounded();

        var events = await TakeAsync(WatchSets(h, cts.Token, resumeFrom), 2);

        events.Select(e => e.Object.Metadata.Labels["step"]).ShouldBe(["2", "3"]);
        events.ShouldAllBe(e => e.Type == WatchEventType.Modified);
        long.Parse(events[0].Object.Metadata.ResourceVersion).ShouldBeGreaterThan(long.Parse(resumeFrom));
        created.Metadata.Uid.ShouldBe(events[0].Object.Metadata.Uid);
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resource_version_when_allowed()
    {
        await using var h = await EmulatorHarness.StartAsync(FrequentBookmarks);
        await h.CreateSetAsync("sd", 0);
        var current = h.Emulator.ResourceVersion;
        using var cts = Bounded();

        var events = await TakeAsync(WatchSets(h, cts.Token, current.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmarks: true), 1);

        events[0].Type.ShouldBe(WatchEventType.Bookmark);
        long.Parse(events[0].Object.Metadata.ResourceVersion).ShouldBe(current);
    }

    [Fact]
    public async Task No_bookmarks_are_sent_unless_asked_for()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);

        var body = await h.Http.GetStringAsync(
            $"/apis/game.kruise.io/v1alpha1/namespaces/{Ns}/gameserversets?watch=true&timeoutSeconds=1&resourceVersion={h.Emulator.ResourceVersion}", Ct);

        body.ShouldBeEmpty();
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        using var cts = Bounded();

        var events = new List<WatchEventType>();
        await foreach (var e in WatchSets(h, cts.Token, timeoutSeconds: 1))
        {
            events.Add(e.Type);
        }

        cts.IsCancellationRequested.ShouldBeFalse();
        events.ShouldBe([WatchEventType.Added]);
    }

    [Fact]
    public async Task A_watch_label_selector_filters_events()
    {
        await using var h = await EmulatorHarness.StartAsync();
        using var cts = Bounded();
        var watching = TakeAsync(WatchSets(h, cts.Token, h.Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), labelSelector: "pick=me"), 1);
        await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("other", 0), Ns, Ct);
        var wanted = EmulatorHarness.NewSet("wanted", 0);
        wanted.Metadata.Labels["pick"] = "me";
        await h.Sets.CreateNamespacedAsync(wanted, Ns, Ct);

        var events = await watching;

        events.Single().Object.Metadata.Name.ShouldBe("wanted");
    }

    [Fact]
    public async Task A_watch_from_a_compacted_version_gets_a_410_error_event()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var old = (await h.CreateSetAsync("sd", 0)).Metadata.ResourceVersion;
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);
        h.Emulator.Faults.CompactHistory();

        var (code, body) = await h.RawAsync(HttpMethod.Get, $"/apis/game.kruise.io/v1alpha1/namespaces/{Ns}/gameserversets?watch=true&resourceVersion={old}");

        code.ShouldBe(HttpStatusCode.OK);
        body!["type"]!.GetValue<string>().ShouldBe("ERROR");
        body["object"]!["code"]!.GetValue<int>().ShouldBe(410);
        body["object"]!["reason"]!.GetValue<string>().ShouldBe("Expired");
        body["object"]!["message"]!.GetValue<string>().ShouldStartWith($"too old resource version: {old}");
    }

    [Fact]
    public async Task The_production_client_reports_a_410_watch_error_as_a_KubernetesException()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var old = (await h.CreateSetAsync("sd", 0)).Metadata.ResourceVersion;
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);
        h.Emulator.Faults.CompactHistory();
        Exception? error = null;

        await foreach (var _ in WatchSets(h, Ct, old, onError: e => error = e))
        {
        }

        error.ShouldBeOfType<KubernetesException>().Status.Code.ShouldBe(410);
    }

    [Fact]
    public async Task A_list_at_a_compacted_version_answers_410()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var old = (await h.CreateSetAsync("sd", 0)).Metadata.ResourceVersion;
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);
        h.Emulator.Faults.CompactHistory();

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.Gone, () => h.Client.CustomObjects.ListNamespacedCustomObjectAsync(
            "game.kruise.io", "v1alpha1", Ns, "gameserversets", resourceVersion: old, cancellationToken: Ct));

        status["reason"]!.GetValue<string>().ShouldBe("Expired");
    }

    [Fact]
    public async Task A_watch_from_a_version_older_than_the_history_ring_answers_410()
    {
        await using var h = await EmulatorHarness.StartAsync(global::AigcGateway.Emulators.Kubernetes.KubernetesEmulatorOptions.ForTests with { HistoryCapacity = 5 });
        var old = (await h.CreateSetAsync("sd", 0)).Metadata.ResourceVersion;
        for (var i = 0; i < 6; i++)
        {
            await h.UpdateSetAsync("sd", g => g.Metadata.Labels["step"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var (_, body) = await h.RawAsync(HttpMethod.Get, $"/apis/game.kruise.io/v1alpha1/namespaces/{Ns}/gameserversets?watch=true&resourceVersion={old}");

        body!["object"]!["code"]!.GetValue<int>().ShouldBe(410);
    }

    [Fact]
    public async Task Pod_watches_work_through_the_typed_core_client()
    {
        await using var h = await EmulatorHarness.StartAsync();
        using var cts = Bounded();
        var names = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, pod) in h.Client.CoreV1.WatchListNamespacedPodAsync(Ns, cancellationToken: cts.Token))
            {
                if (type == WatchEventType.Added)
                {
                    names.Add(pod.Metadata.Name);
                    if (names.Count == 2)
                    {
                        break;
                    }
                }
            }
        }, Ct);

        await h.CreateSetAsync("sd", 2);
        await watching;

        names.ShouldBe(["sd-0", "sd-1"]);
    }

    [Fact]
    public async Task Event_watches_filter_by_involved_object_name()
    {
        await using var h = await EmulatorHarness.StartAsync();
        using var cts = Bounded();
        var reasons = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (_, ev) in h.Client.CoreV1.WatchListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=sd-1", cancellationToken: cts.Token))
            {
                ev.InvolvedObject.Name.ShouldBe("sd-1");
                reasons.Add(ev.Reason);
                if (ev.Reason == "Started")
                {
                    break;
                }
            }
        }, Ct);

        await h.CreateSetAsync("sd", 2);
        await watching;

        reasons.ShouldBe(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    }

    [Fact]
    public async Task Dropping_watches_ends_every_open_stream()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        using var cts = Bounded();
        var started = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in WatchSets(h, cts.Token))
            {
                count++;
                started.TrySetResult();
            }

            return count;
        }, Ct);
        await started.Task.WaitAsync(EmulatorHarness.Bound, Ct);
        h.Emulator.WatchCount.ShouldBe(1);

        h.Emulator.Faults.DropWatches();

        (await watching.WaitAsync(EmulatorHarness.Bound, Ct)).ShouldBe(1);
        cts.IsCancellationRequested.ShouldBeFalse("the dropped watch should end at once, not when the bound cancels it");
        h.Emulator.WatchCount.ShouldBe(0);
    }

    [Fact]
    public async Task Modifying_an_object_out_of_a_label_selector_reports_it_deleted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var gss = EmulatorHarness.NewSet("sd", 0);
        gss.Metadata.Labels["pick"] = "me";
        await h.Sets.CreateNamespacedAsync(gss, Ns, Ct);
        await h.SettleAsync();
        using var cts = Bounded();
        var watching = TakeAsync(WatchSets(h, cts.Token, h.Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), labelSelector: "pick=me"), 1);
        await Eventually.HoldsAsync(() => h.Emulator.WatchCount == 1, "the watch is open on the emulator"); // the live path; the replay is tested below

        await h.Sets.PatchNamespacedAsync<TestGameServerSet>(new V1Patch("""{"metadata":{"labels":{"pick":null}}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct);

        (await watching).Single().Type.ShouldBe(WatchEventType.Deleted);
    }

    [Fact]
    public async Task A_watch_resumed_from_before_a_change_out_of_its_label_selector_reports_it_deleted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var gss = EmulatorHarness.NewSet("sd", 0);
        gss.Metadata.Labels["pick"] = "me";
        await h.Sets.CreateNamespacedAsync(gss, Ns, Ct);
        await h.SettleAsync();
        var before = h.Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await h.Sets.PatchNamespacedAsync<TestGameServerSet>(new V1Patch("""{"metadata":{"labels":{"pick":null}}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct);
        await h.SettleAsync();
        using var cts = Bounded();

        var events = await TakeAsync(WatchSets(h, cts.Token, before, labelSelector: "pick=me"), 1);

        events.Single().Type.ShouldBe(WatchEventType.Deleted);
        events.Single().Object.Metadata.Name.ShouldBe("sd");
    }

    [Fact]
    public async Task A_watch_resumed_from_before_a_change_into_its_label_selector_reports_it_added()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        var before = h.Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await h.Sets.PatchNamespacedAsync<TestGameServerSet>(new V1Patch("""{"metadata":{"labels":{"pick":"me"}}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct);
        await h.SettleAsync();
        using var cts = Bounded();

        var events = await TakeAsync(WatchSets(h, cts.Token, before, labelSelector: "pick=me"), 1);

        events.Single().Type.ShouldBe(WatchEventType.Added);
    }

    [Fact]
    public async Task Bookmarks_keep_coming_between_events_on_a_long_watch()
    {
        await using var h = await EmulatorHarness.StartAsync(FrequentBookmarks);
        await h.CreateSetAsync("sd", 0);
        using var cts = Bounded();
        var watching = TakeAsync(WatchSets(h, cts.Token, h.Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmarks: true), 5);
        await h.Sets.PatchNamespacedAsync<TestGameServerSet>(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), Ns, "sd", Ct);

        var events = await watching;

        events.Count(e => e.Type == WatchEventType.Bookmark).ShouldBeGreaterThanOrEqualTo(3);
        events.ShouldContain(e => e.Type == WatchEventType.Modified);
        var versions = events.Select(e => long.Parse(e.Object.Metadata.ResourceVersion)).ToList();
        versions.ShouldBe(versions.Order().ToList());
    }
}
