using AigcGateway.Core.Access;
using AigcGateway.Web.Auth;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Bench;

/// <summary>
/// 4. <c>/auth</c> with a valid instance-access cookie for an instance the user owns, against <c>/healthz</c> of the same
/// process: wrk, 2 threads, 64 connections, 10 s each, measured back to back in one run.
/// </summary>
internal static class ForwardAuthBenchmark
{
    private const string Name = "4. forward auth (wrk)";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PairDuration = TimeSpan.FromSeconds(3);
    private const int Pairs = 3;

    public static async Task RunAsync(BenchGatewayFactory gateway, Uri instanceUrl, Report report, CancellationToken ct)
    {
        var environment = gateway.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName;
        Console.WriteLine($"  gateway: {environment} environment, Kestrel on {gateway.LoopbackUrl}, logging at Warning, server GC {System.Runtime.GCSettings.IsServerGC}");
        var alice = LogtoDemoUsers.Alice;
        var cookie = gateway.Services.GetRequiredService<InstanceAccessCookie>().Protect(alice.Id, alice.PrimaryEmail);
        var auth = new Uri(gateway.LoopbackUrl, "/auth");
        var health = new Uri(gateway.LoopbackUrl, "/healthz");
        var headers = new Dictionary<string, string>
        {
            ["Cookie"] = $"{InstanceAccessCookie.Name}={cookie}",
            ["X-Original-URL"] = instanceUrl.ToString(),
        };

        // the cookie must be accepted (200), not refused (401/403), or the figure would measure the wrong path
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, auth);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var answer = await http.SendAsync(request, ct);
            var user = answer.Headers.TryGetValues("X-Auth-Request-User", out var values) ? values.FirstOrDefault() : null;
            report.Add(new Figure(Name, "/auth answer before measuring", $"{(int)answer.StatusCode}, X-Auth-Request-User {user ?? "(none)"} for {instanceUrl}", "200", (int)answer.StatusCode == 200 && user == alice.Id));
            if ((int)answer.StatusCode != 200)
            {
                return;
            }

            using var healthAnswer = await http.GetAsync(health, ct);
            if ((int)healthAnswer.StatusCode != 200)
            {
                throw new InvalidOperationException($"/healthz answered {(int)healthAnswer.StatusCode}");
            }
        }

        // what one /auth costs inside the process, without HTTP: reading the cookie, then the decision
        var reader = gateway.Services.GetRequiredService<InstanceAccessCookie>();
        var index = gateway.Services.GetRequiredService<IForwardAuthIndexSource>();
        var unprotect = PerCall(() => reader.TryRead(cookie, out _));
        reader.TryRead(cookie, out var ticket);
        var identity = new AccessIdentity(ticket.UserId, ticket.Email);
        string[] original = [instanceUrl.ToString()];
        var decide = PerCall(() => ForwardAuthPolicy.Decide(identity, original, [], [], index.Current));

        var loadBefore = LoadAverage();
        await Wrk.RunAsync(health, new Dictionary<string, string>(), 2, 64, WarmUp, ct);
        await Wrk.RunAsync(auth, headers, 2, 64, WarmUp, ct);
        var (healthz, healthGc) = await WithGcAsync(() => Wrk.RunAsync(health, new Dictionary<string, string>(), 2, 64, Duration, ct));
        var (forward, authGc) = await WithGcAsync(() => Wrk.RunAsync(auth, headers, 2, 64, Duration, ct));
        var ratio = forward.RequestsPerSecond / healthz.RequestsPerSecond;

        // the same ratio from short alternating runs, which drifting load on the shared machine affects far less
        var pairs = new List<double>(Pairs);
        for (var i = 0; i < Pairs; i++)
        {
            var h = await Wrk.RunAsync(health, new Dictionary<string, string>(), 2, 64, PairDuration, ct);
            var a = await Wrk.RunAsync(auth, headers, 2, 64, PairDuration, ct);
            pairs.Add(a.RequestsPerSecond / h.RequestsPerSecond);
        }

        var loadAfter = LoadAverage();

        report.Add(new Figure(Name, "machine load (1-min average, before / after)", $"{loadBefore} / {loadAfter} on {Environment.ProcessorCount} cores"));
        report.Add(new Figure(Name, "/healthz throughput (p50 / p99)", $"{Measure.Number(healthz.RequestsPerSecond)} req/s ({Measure.Ms(healthz.P50Ms)} / {Measure.Ms(healthz.P99Ms)})"));
        report.Add(new Figure(Name, "/auth throughput (p50)", $"{Measure.Number(forward.RequestsPerSecond)} req/s ({Measure.Ms(forward.P50Ms)})"));
        report.Add(new Figure(Name, "/auth p99 latency", Measure.Ms(forward.P99Ms), "<= 5 ms", forward.P99Ms <= 5));
        report.Add(new Figure(Name, "/auth / /healthz throughput ratio", Measure.Number(ratio, "0.00"), ">= 0.70", ratio >= 0.7));
        report.Add(new Figure(Name, $"ratio from {Pairs} alternating {PairDuration.TotalSeconds:0} s pairs (median; min-max)",
            $"{Measure.Number(Measure.Percentile(pairs, 0.5), "0.00")} ({Measure.Number(pairs.Min(), "0.00")}-{Measure.Number(pairs.Max(), "0.00")})"));
        report.Add(new Figure(Name, "allocated per request (/healthz / /auth)", $"{Measure.Number(healthGc.Bytes / (double)healthz.Requests)} / {Measure.Number(authGc.Bytes / (double)forward.Requests)} B"));
        report.Add(new Figure(Name, "GCs and pause time (/healthz / /auth)", $"{healthGc.Collections} in {Measure.Ms(healthGc.Pause.TotalMilliseconds)} / {authGc.Collections} in {Measure.Ms(authGc.Pause.TotalMilliseconds)}"));
        report.Add(new Figure(Name, "in-process: cookie TryRead / policy Decide", $"{Measure.Us(unprotect)} / {Measure.Us(decide)} per call"));
        report.Add(new Figure(Name, "non-2xx responses / socket errors", $"{forward.NonSuccess + healthz.NonSuccess} / {forward.SocketErrors + healthz.SocketErrors} (of {forward.Requests + healthz.Requests})", "0 / 0",
            forward.NonSuccess + healthz.NonSuccess == 0 && forward.SocketErrors + healthz.SocketErrors == 0));
    }

    /// <summary>Runs a load and reports the gateway process's garbage collection meanwhile (the emulators are idle).</summary>
    private static async Task<(Wrk.Result Result, GcActivity Gc)> WithGcAsync(Func<Task<Wrk.Result>> load)
    {
        var bytes = GC.GetTotalAllocatedBytes(precise: false);
        var collections = GC.CollectionCount(0);
        var pause = GC.GetTotalPauseDuration();
        var result = await load();
        return (result, new GcActivity(GC.GetTotalAllocatedBytes(precise: false) - bytes, GC.CollectionCount(0) - collections, GC.GetTotalPauseDuration() - pause));
    }

    private sealed record GcActivity(long Bytes, int Collections, TimeSpan Pause);

    /// <summary>The 1-minute load average (Linux), to show how busy the shared machine was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>Mean microseconds per call over a fixed number of calls, after a warm-up.</summary>
    private static double PerCall(Action call)
    {
        const int Calls = 20_000;
        for (var i = 0; i < 1_000; i++)
        {
            call();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            call();
        }

        return clock.Elapsed.TotalMicroseconds / Calls;
    }
}
