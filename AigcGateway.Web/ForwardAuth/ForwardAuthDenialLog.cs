using System.Globalization;

namespace AigcGateway.Web.ForwardAuth;

/// <summary>
/// The log of <c>/auth</c> denials, which anyone can cause with addresses of their choosing (security issue #22, F14):
/// each logged value is cut to <see cref="MaxValueLength"/> characters, and at most <see cref="MaxLinesPerInterval"/>
/// denials are logged per <see cref="Interval"/>; the rest are counted and reported in one line when the interval ends.
/// </summary>
public sealed partial class ForwardAuthDenialLog(ILogger<ForwardAuthDenialLog> logger, TimeProvider time) : IDisposable
{
    public const int MaxValueLength = 200;
    public const int MaxLinesPerInterval = 20;
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private DateTimeOffset _intervalStart = DateTimeOffset.MinValue;
    private int _logged;
    private int _suppressed;
    private ITimer? _flush;

    public void Denied(string? userId, string reason)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _intervalStart >= Interval)
            {
                ReportSuppressed();
                (_intervalStart, _logged) = (now, 0);
            }

            if (_logged >= MaxLinesPerInterval)
            {
                // the first suppressed denial schedules the summary for the end of the interval
                if (_suppressed++ == 0)
                {
                    _flush?.Dispose();
                    _flush = time.CreateTimer(_ => Flush(), null, _intervalStart + Interval - now, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            _logged++;
        }

        LogDenied(logger, Cut(userId), Cut(reason) ?? "");
    }

    /// <summary>A value of at most <see cref="MaxValueLength"/> characters, with a marker saying how much was cut.</summary>
    internal static string? Cut(string? value) => value is null || value.Length <= MaxValueLength
        ? value
        : string.Create(CultureInfo.InvariantCulture, $"{value.AsSpan(0, MaxValueLength)}…[{value.Length - MaxValueLength} more characters]");

    private void Flush()
    {
        lock (_lock)
        {
            ReportSuppressed();
        }
    }

    private void ReportSuppressed()
    {
        if (_suppressed > 0)
        {
            LogSuppressed(logger, _suppressed, Interval);
            _suppressed = 0;
        }
    }

    public void Dispose() => _flush?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Forward auth denied user {UserId}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string? userId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} more forward-auth denials suppressed in the last {Interval}")]
    private static partial void LogSuppressed(ILogger logger, int count, TimeSpan interval);
}
