using System.Collections.Concurrent;
using System.Diagnostics;
using AigcGateway.Core.Templates;
using AigcGateway.Emulators.Kubernetes;

namespace AigcGateway.Bench;

/// <summary>
/// 1. 200 distinct users install one template at once through the production Core against the emulator (zero delays).
/// 3. Kubernetes API calls while 100 users' dashboards are rendered from the cache (SubscribeAsync, the production feed).
/// </summary>
internal static class InstallBenchmark
{
    public const int Users = 200;
    public const int Dashboards = 100;
    public static readonly TemplateRef Template = new("aigc", "sd-gpu");

    public static string UserId(int i) => $"bench-user-{i:D3}";

    public static async Task RunAsync(KubernetesEmulator emulator, CoreHost core, Report report, CancellationToken ct)
    {
        const string Name = "1. 200 concurrent installs";
        var installs = core.Instances;
        var writesBefore = core.Counter.GameServerSetWrites;
        var conflictsBefore = core.Counter.Conflicts;
        var requestsBefore = core.Counter.Requests;
        var requestTimeBefore = core.Counter.RequestTime;

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, Users).Select(i => Task.Run(() => installs.InstallAsync(UserId(i), Template, ct), ct)));
        var wall = clock.Elapsed;

        var writes = core.Counter.GameServerSetWrites - writesBefore;
        var conflicts = core.Counter.Conflicts - conflictsBefore;
        var requests = core.Counter.Requests - requestsBefore;
        var requestTime = core.Counter.RequestTime - requestTimeBefore;
        var failed = results.Count(r => !r.Succeeded);
        var ids = results.Where(r => r.Succeeded).Select(r => r.Instance!.Id).Distinct().Count();

        // the record and the cluster agree once the simulation has created every GameServer and the cache has seen it
        using (var settle = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            settle.CancelAfter(TimeSpan.FromSeconds(30));
            await emulator.WaitForSettledAsync(settle.Token);
        }

        var untilRunning = clock.Elapsed;
        var caught = await core.Hub.WaitForAsync(
            s => s.GameServerIds(Template).Length == Users && s.Templates.TryGetValue(Template, out var t) && t.Replicas == Users,
            TimeSpan.FromSeconds(30), TimeProvider.System, ct);
        var state = core.Hub.Current.Templates[Template];
        var owners = state.Owners.Values.Distinct(StringComparer.Ordinal).Count();

        report.Add(new Figure(Name, "wall time, 200 InstallAsync calls", Measure.Ms(wall.TotalMilliseconds), "-", null));
        report.Add(new Figure(Name, "mean time per install", Measure.Ms(wall.TotalMilliseconds / Users), "-", null));
        report.Add(new Figure(Name, "distinct ids / failed calls", $"{ids} / {failed}", "200 / 0", ids == Users && failed == 0));
        report.Add(new Figure(Name, "GameServerSet writes (409 conflicts)", $"{writes} ({conflicts})", "<= 400 (linear)", writes <= 2 * Users));
        report.Add(new Figure(Name, "API requests during installs (time awaiting answers)", $"{requests} ({Measure.Ms(requestTime.TotalMilliseconds)})", "-", null));
        report.Add(new Figure(Name, "wall time not awaiting the API (409 backoff + Core)", Measure.Ms((wall - requestTime).TotalMilliseconds), "-", null));
        report.Add(new Figure(Name, "replicas / owner entries / GameServers", $"{state.Replicas} / {owners} / {core.Hub.Current.GameServerIds(Template).Length}", "200 / 200 / 200",
            caught && state.Replicas == Users && owners == Users));
        report.Add(new Figure(Name, "until the simulation settled (all running)", Measure.Ms(untilRunning.TotalMilliseconds), "-", null));
    }

    public static async Task RunDashboardsAsync(CoreHost core, Report report, CancellationToken ct)
    {
        const string Name = "3. API calls while rendering";
        var instances = core.Instances;
        var before = core.Counter.Requests;
        var shown = new ConcurrentBag<int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Dashboards; i++)
        {
            await using var subscription = await instances.SubscribeAsync(UserId(i), ct);
            if (subscription.Snapshot.InstanceOf(Template) is not null)
            {
                shown.Add(i);
            }
        }

        var elapsed = clock.Elapsed;
        var calls = core.Counter.Requests - before;
        report.Add(new Figure(Name, "dashboards rendered (SubscribeAsync, as the dashboard page does)", $"{shown.Count} of {Dashboards} users, {Measure.Ms(elapsed.TotalMilliseconds)}", "100", shown.Count == Dashboards));
        report.Add(new Figure(Name, "Kubernetes API requests meanwhile", Measure.Number(calls), "0", calls == 0));
    }
}
