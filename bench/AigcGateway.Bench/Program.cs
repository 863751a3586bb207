using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Emulators.Kubernetes;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Bench;

/// <summary>
/// AIGC-Gateway benchmarks (bench/run.sh builds Release and runs this). Each benchmark prints its figures as it goes;
/// the table at the end repeats them with their goals. Exit code 0 when every goal is met. Arguments <c>core</c>
/// (benchmarks 1-3), <c>gateway</c> (4-5), <c>audit</c> (6) and <c>idle</c> (7, <c>--seed N</c> for another day) choose;
/// none runs all.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        var report = new Report();
        var started = System.Diagnostics.Stopwatch.StartNew();
        Console.WriteLine($"AIGC-Gateway benchmarks: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");

        if (args.Length == 0 || args.Contains("core"))
        {
            await Guarded(report, "1-3. Core on the emulator", () => RunCoreAsync(report, ct), ct);
        }

        if (args.Length == 0 || args.Contains("gateway"))
        {
            await Guarded(report, "4-5. gateway", () => RunGatewayAsync(report, ct), ct);
        }

        if (args.Length == 0 || args.Contains("audit"))
        {
            Console.WriteLine("\n6. audit store on PostgreSQL: installs with and without it, pages over 1,000,000 rows");
            await Guarded(report, "6. audit store (PostgreSQL)", () => AuditBenchmark.RunAsync(report, ct), ct);
        }

        if (args.Length == 0 || args.Contains("idle"))
        {
            var seed = Array.IndexOf(args, "--seed") is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            var idleTimeout = Array.IndexOf(args, "--timeout") is var t and >= 0 && t + 1 < args.Length ? TimeSpan.FromMinutes(int.Parse(args[t + 1], System.Globalization.CultureInfo.InvariantCulture)) : (TimeSpan?)null;
            await Guarded(report, "7. idle auto-pause", () => { IdleBenchmark.Run(report, seed, idleTimeout); return Task.CompletedTask; }, ct);
        }

        Console.WriteLine();
        Console.WriteLine($"Results ({started.Elapsed.TotalSeconds:0} s):");
        Console.Write(report.Render());
        return report.AllPassed ? 0 : 1;
    }

    /// <summary>1-3: the production Core against the Kubernetes emulator (zero delays, the demo templates).</summary>
    private static async Task RunCoreAsync(Report report, CancellationToken ct)
    {
        Console.WriteLine("\n1. 200 concurrent installs / 3. API calls while rendering / 2. snapshot at 200 x 25");
        await using var emulator = await KubernetesEmulator.StartAsync(KubernetesEmulatorOptions.ForTests with { SeedDemo = true }, ct);
        await using (var core = await CoreHost.StartAsync(emulator.BaseAddress, CatalogFilter.All, ct))
        {
            if (!await core.WaitReadyAsync(TimeSpan.FromSeconds(30), ct))
            {
                throw new TimeoutException("the cache did not list the emulator within 30 s");
            }

            await Guarded(report, "1. 200 concurrent installs", () => InstallBenchmark.RunAsync(emulator, core, report, ct), ct);
            await Guarded(report, "3. API calls while rendering", () => InstallBenchmark.RunDashboardsAsync(core, report, ct), ct);
        }

        await Guarded(report, "2. snapshot, 200 x 25", () => SnapshotBenchmark.RunAsync(emulator, report, ct), ct);
    }

    /// <summary>4-5: the whole gateway on a real port against both emulators; alice owns a running sd-gpu instance.</summary>
    private static async Task RunGatewayAsync(Report report, CancellationToken ct)
    {
        Console.WriteLine("\n4. forward auth / 5. status propagation (the gateway on a real port)");
        await using var gateway = await BenchGatewayFactory.StartAsync(ct);
        var instances = gateway.Services.GetRequiredService<IInstanceService>();
        var alice = LogtoDemoUsers.Alice.Id;
        var template = new TemplateRef("aigc", "sd-gpu");
        await Dashboards.WaitForAsync(instances, alice, d => d.IsReady, TimeSpan.FromSeconds(30), ct);
        var installed = await instances.InstallAsync(alice, template, ct);
        if (!installed.Succeeded)
        {
            throw new InvalidOperationException($"alice's install failed: {installed.Error} {installed.Detail}");
        }

        var running = await Dashboards.WaitForAsync(instances, alice, d => d.InstanceOf(template) is { State: InstanceState.Running, Url: not null }, TimeSpan.FromSeconds(30), ct);
        var instance = running.InstanceOf(template)!;

        await Guarded(report, "4. forward auth (wrk)", () => ForwardAuthBenchmark.RunAsync(gateway, instance.Url!, report, ct), ct);
        await Guarded(report, "5. status propagation", () => PropagationBenchmark.RunAsync(gateway, instances, instance.Ref, report, ct), ct);
    }

    /// <summary>Runs a benchmark; a failure becomes a failed row instead of ending the run.</summary>
    private static async Task Guarded(Report report, string name, Func<Task> benchmark, CancellationToken ct)
    {
        try
        {
            await benchmark();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            report.Failed(name, e);
        }
    }
}
