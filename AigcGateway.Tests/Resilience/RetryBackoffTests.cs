using AigcGateway.Core.Coordination;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Resilience;

public sealed class RetryBackoffTests
{
    private static readonly RetryBackoff s_backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(60, 10)]
    public void Each_retry_waits_between_half_and_all_of_a_doubling_bounded_ceiling(int attempt, int ceilingSeconds)
    {
        s_backoff.Ceiling(attempt).ShouldBe(TimeSpan.FromSeconds(ceilingSeconds));
        for (var i = 0; i < 100; i++)
        {
            s_backoff.Delay(attempt).ShouldBeInRange(TimeSpan.FromSeconds(ceilingSeconds / 2.0), TimeSpan.FromSeconds(ceilingSeconds));
        }
    }

    [Fact]
    public async Task A_loop_that_throws_is_started_again_after_the_backoff_until_it_completes()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        var loop = ResilientLoop.RunAsync("test", _ =>
        {
            if (Interlocked.Increment(ref runs) < 3)
            {
                throw new InvalidOperationException("the cluster is unreachable");
            }

            return Task.CompletedTask;
        }, s_backoff, time, NullLogger.Instance, Xunit.TestContext.Current.CancellationToken);

        Volatile.Read(ref runs).ShouldBe(1, "the first failure waits for the backoff");
        await Infrastructure.Eventually.HoldsAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(500));
                return loop.IsCompleted;
            },
            "the loop ran until it completed");

        runs.ShouldBe(3);
        loop.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task Cancellation_ends_a_loop_that_waits_to_start_again()
    {
        var time = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var loop = ResilientLoop.RunAsync("test", _ => throw new InvalidOperationException("down"), s_backoff, time, NullLogger.Instance, stop.Token);

        await stop.CancelAsync();

        await loop.WaitAsync(TimeSpan.FromSeconds(15), Xunit.TestContext.Current.CancellationToken);
        loop.IsCompletedSuccessfully.ShouldBeTrue();
    }
}
