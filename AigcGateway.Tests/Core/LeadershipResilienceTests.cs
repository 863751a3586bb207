using AigcGateway.Core.Kubernetes;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Core;

/// <summary>Leadership through API outages: the competition goes on; nothing escapes to the host.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class LeadershipResilienceTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static KubernetesLeadership Replica(KubernetesEmulator emulator, string name) =>
        new(new k8s.Kubernetes(new KubernetesClientConfiguration { Host = emulator.BaseAddress.ToString() }), "aigc", "aigc-gateway-background", name,
            NullLogger<KubernetesLeadership>.Instance)
        {
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromMilliseconds(1500),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        };

    [Fact]
    public async Task A_leader_that_loses_the_api_keeps_competing_and_leads_again_when_the_api_returns()
    {
        await using var emulator = await KubernetesEmulator.StartAsync(KubernetesEmulatorOptions.ForTests, Ct);
        var terms = new List<TaskCompletionSource>();
        var ended = new List<TaskCompletionSource>();
        for (var i = 0; i < 2; i++)
        {
            terms.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            ended.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        var term = -1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = Replica(emulator, "replica-a").RunWhileLeadingAsync(async token =>
        {
            var mine = Math.Min(1, Interlocked.Increment(ref term));
            terms[mine].TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                ended[mine].TrySetResult();
            }
        }, stop.Token);
        await terms[0].Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        await emulator.Faults.MakeUnreachableAsync(TimeSpan.FromMinutes(5), UnreachableMode.Reset);
        await Task.WhenAny(run, ended[0].Task).WaitAsync(TimeSpan.FromSeconds(15), Ct);
        var attempts = emulator.Faults.ResetOnArrival;
        await Task.WhenAny(run, Eventually.HoldsAsync(() => emulator.Faults.ResetOnArrival >= attempts + 3, "the replica tried to acquire the lease three more times"));
        run.IsCompleted.ShouldBeFalse(run.Exception?.ToString());

        await emulator.Faults.RestoreAsync();
        await Task.WhenAny(run, terms[1].Task).WaitAsync(TimeSpan.FromSeconds(15), Ct);
        run.IsCompleted.ShouldBeFalse(run.Exception?.ToString());
        terms[1].Task.IsCompletedSuccessfully.ShouldBeTrue("the replica leads again once the API is back");

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15), Ct);
    }
}
