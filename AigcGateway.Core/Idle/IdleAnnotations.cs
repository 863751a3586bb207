using System.Globalization;

namespace AigcGateway.Core.Idle;

/// <summary>The annotations the gateway writes on GameServers for the idle policy (documented in docs/templates.md).</summary>
public static class IdleAnnotations
{
    /// <summary>The latest activity (RFC 3339, UTC), only ever moved forward, at most once a minute.</summary>
    public const string LastActive = "aigc-gateway.io/last-active";

    /// <summary>The user's postponement of the idle pause (RFC 3339, UTC).</summary>
    public const string KeepRunningUntil = "aigc-gateway.io/keep-running-until";

    /// <summary>RFC 3339 in UTC with whole seconds, as Kubernetes writes times: <c>2026-12-03T15:40:00Z</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An RFC 3339 time; null when absent or not a time (a hand-edited value is ignored, not trusted).</summary>
    public static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && value!.Contains('T', StringComparison.Ordinal)
            ? time
            : null;
}
