using System.Globalization;
using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>Times as people say them: "just now", "5 min ago", and durations like "2 min 05 s".</summary>
public static class RelativeTime
{
    public static string Ago(DateTimeOffset time, DateTimeOffset now, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var age = now - time;
        return age switch
        {
            _ when age < TimeSpan.FromMinutes(1) => l["Dashboard_Ago_JustNow"],
            _ when age < TimeSpan.FromHours(1) => l["Dashboard_Ago_Minutes", (int)age.TotalMinutes],
            _ when age < TimeSpan.FromDays(1) => l["Dashboard_Ago_Hours", (int)age.TotalHours],
            _ => l["Dashboard_Ago_Days", (int)age.TotalDays],
        };
    }

    /// <summary>An elapsed time, e.g. "45 s", "2 min 05 s", "1 h 03 min".</summary>
    public static string Duration(TimeSpan elapsed, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        var seconds = elapsed.Seconds.ToString("00", CultureInfo.InvariantCulture);
        var minutes = elapsed.Minutes.ToString("00", CultureInfo.InvariantCulture);
        return elapsed switch
        {
            _ when elapsed < TimeSpan.FromMinutes(1) => l["Dashboard_Duration_Seconds", (int)elapsed.TotalSeconds],
            _ when elapsed < TimeSpan.FromHours(1) => l["Dashboard_Duration_Minutes", (int)elapsed.TotalMinutes, seconds],
            _ => l["Dashboard_Duration_Hours", (int)elapsed.TotalHours, minutes],
        };
    }

    /// <summary>The exact time for a tooltip and the <c>datetime</c> attribute (UTC, ISO 8601).</summary>
    public static string Exact(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
