using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Coordination;

/// <summary>
/// Runs a background loop for the life of the process: an exception (the cluster or Logto unreachable, a bug) is
/// logged and the loop starts again after a bounded backoff with jitter; only cancellation ends it.
/// </summary>
public static partial class ResilientLoop
{
    /// <summary>
    /// Runs <paramref name="body"/> until it returns or <paramref name="cancellationToken"/> is cancelled; restarts it
    /// after each failure. A run that lasted longer than the longest backoff starts the backoff over.
    /// </summary>
    public static async Task RunAsync(
        string name,
        Func<CancellationToken, Task> body,
        RetryBackoff backoff,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(backoff);
        ArgumentNullException.ThrowIfNull(time);
        var attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                await body(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                attempt = time.GetElapsedTime(started) > backoff.Max ? 1 : attempt + 1;
                var delay = backoff.Delay(attempt);
                LogFailed(logger, e, name, delay);
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background work {Name} failed; starting it again in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name, TimeSpan delay);
}
