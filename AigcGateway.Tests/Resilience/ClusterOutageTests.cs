using System.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Resilience;

/// <summary>The core (cache, lifecycle, real client) while the emulated API server is unreachable.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ClusterOutageTests : IAsyncDisposable
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

    private async Task<IInstanceService> StartAsync(ClusterCacheOptions? cache = null)
    {
        var harness = await EmulatorHarness.StartAsync();
        await harness.CreateSetAsync("sd", 0);
        _core = await CoreOnEmulator.StartAsync(harness, configure: cache is null ? null : s => s.AddSingleton(cache));
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
        await StartAsync(new ClusterCacheOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(10) });
        var emulator = Harness.Emulator;
        int PvcWatches() => emulator.Requests.Recent.Count(r => r.Path.EndsWith("/persistentvolumeclaims", StringComparison.Ordinal) && r.Query.Contains("watch=true", StringComparison.Ordinal));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 6; i++)
        {
            var before = PvcWatches();
            emulator.Faults.ResetConnections();
            await Eventually.HoldsAsync(() => PvcWatches() > before, $"the PVC watch reconnected after reset {i + 1}");
            Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"reset {i + 1}: {clock.Elapsed}");
        }

        // doubling from 100 ms would take 0.1 + 0.2 + 0.4 + 0.8 + 1.6 + 3.2 = 6.3 s; reset on reconnect, about 0.6 s
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }
}
