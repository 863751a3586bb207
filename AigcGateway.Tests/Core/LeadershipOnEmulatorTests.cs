using AigcGateway.Core.Kubernetes;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Core;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class LeadershipOnEmulatorTests
{
    private static KubernetesLeadership Replica(KubernetesEmulator emulator, string name) =>
        new(new k8s.Kubernetes(new KubernetesClientConfiguration { Host = emulator.BaseAddress.ToString() }), "aigc", "aigc-gateway-background", name,
            NullLogger<KubernetesLeadership>.Instance)
        {
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromMilliseconds(1500),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        };

    [Fact]
    public async Task Only_one_replica_works_at_a_time_and_another_takes_over_when_it_stops()
    {
        await using var emulator = await KubernetesEmulator.StartAsync(KubernetesEmulatorOptions.ForTests, Xunit.TestContext.Current.CancellationToken);
        var working = 0;
        var maxWorking = 0;
        var leaders = new List<string>();
        var secondLed = new TaskCompletionSource();
        var firstLed = new TaskCompletionSource();

        Func<CancellationToken, Task> Work(string name, TaskCompletionSource led) => async token =>
        {
            lock (leaders)
            {
                leaders.Add(name);
                maxWorking = Math.Max(maxWorking, ++working);
            }

            led.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                lock (leaders)
                {
                    working--;
                }
            }
        };

        using var stopFirst = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        using var stopSecond = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        var first = Replica(emulator, "replica-a").RunWhileLeadingAsync(Work("replica-a", firstLed), stopFirst.Token);
        await firstLed.Task.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        var second = Replica(emulator, "replica-b").RunWhileLeadingAsync(Work("replica-b", secondLed), stopSecond.Token);

        await stopFirst.CancelAsync();
        await first;
        await secondLed.Task.WaitAsync(TimeSpan.FromSeconds(15), Xunit.TestContext.Current.CancellationToken);
        await stopSecond.CancelAsync();
        await second;

        leaders.ShouldBe(["replica-a", "replica-b"]);
        maxWorking.ShouldBe(1);
    }
}
