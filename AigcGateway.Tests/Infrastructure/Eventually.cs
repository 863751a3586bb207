namespace AigcGateway.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>
    /// For state held by another server (an emulator over HTTP) that offers no change stream: checks the condition
    /// until it holds, within a bounded time, and fails with <paramref name="what"/> otherwise.
    /// </summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50, Xunit.TestContext.Current.CancellationToken);
        }
    }

    /// <summary>As <see cref="HoldsAsync(Func{bool}, string, TimeSpan?)"/>, for a condition that asks a server over HTTP.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50, Xunit.TestContext.Current.CancellationToken);
        }
    }
}
