using System.Globalization;
using System.Text.RegularExpressions;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Tests.Resilience;

/// <summary>The core (cache, lifecycle, real client) while the emulated API server is unreachable.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed partial class ClusterOutageTests : IAsyncDisposable
{
    private static readonly TemplateRef s_template = new(EmulatorHarness.Ns, "sd");
    private CoreOnEmulator? _core;

    private EmulatorHarness Harness => _core!.Harness;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_core is not null)
        {
            await _core.DisposeAsync();
        }
    }

    private async Task<IInstanceService> StartAsync(ClusterCacheOptions? cache = null, Action<IServiceCollection>? services = null)
    {
        var harness = await EmulatorHarness.StartAsync();
        await harness.CreateSetAsync("sd", 0);
        _core = await CoreOnEmulator.StartAsync(harness, configure: s =>
        {
            if (cache is not null)
            {
                s.AddSingleton(cache);
            }

            services?.Invoke(s);
        });
        return _core.Instances;
    }

    [Theory]
    [InlineData(UnreachableMode.Refused)]
    [InlineData(UnreachableMode.Reset)]
    public async Task An_operation_during_an_outage_fails_with_a_cluster_error_instead_of_throwing(UnreachableMode mode)
    {
        var instances = await StartAsync();
        await Harness.Emulator.Faults.MakeUnreachableAsync(TimeSpan.FromMinutes(5), mode);

        var result = await instances.InstallAsync("alice", s_template, Ct);

        result.Error.ShouldBe(OperationError.ClusterError);
        result.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_quiet_watch_whose_connection_is_reset_again_and_again_reconnects_after_the_initial_backoff_each_time()
    {
        var log = new RecordingLogger<ClusterCache>();
        var initial = TimeSpan.FromMilliseconds(100);
        await StartAsync(new ClusterCacheOptions { InitialBackoff = initial, MaxBackoff = TimeSpan.FromSeconds(10) }, s => s.AddSingleton<ILogger<ClusterCache>>(log));
        var emulator = Harness.Emulator;
        int PvcWatches() => emulator.Requests.Recent.Count(r => r.Path.EndsWith("/persistentvolumeclaims", StringComparison.Ordinal) && r.Query.Contains("watch=true", StringComparison.Ordinal));

        for (var i = 0; i < 6; i++)
        {
            var before = PvcWatches();
            emulator.Faults.ResetConnections();
            await Eventually.HoldsAsync(() => PvcWatches() > before, $"the PVC watch reconnected after reset {i + 1}");
        }

        // the delays the cache chose (not wall-clock time, which a loaded machine stretches): doubling from 100 ms would
        // be at least 200 ms by the third failure (jitter keeps half); started over on every good connection, each
        // stays within the first step (a reset sometimes ends the stream instead, which is not a failure)
        var delays = log.Lines
            .Select(line => WatchFailed().Match(line))
            .Where(m => m.Success && m.Groups["kind"].Value == nameof(WatchedKind.Volumes))
            .Select(m => TimeSpan.Parse(m.Groups["delay"].Value, CultureInfo.InvariantCulture))
            .ToList();
        delays.Count.ShouldBeGreaterThanOrEqualTo(3, string.Join('\n', log.Lines));
        delays.ShouldAllBe(d => d <= initial);
    }

    [GeneratedRegex(@"^Watch of (?<kind>\w+) in \S+ failed; retrying in (?<delay>[0-9:.]+)$")]
    private static partial Regex WatchFailed();
}
