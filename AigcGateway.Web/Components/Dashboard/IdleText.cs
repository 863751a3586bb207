using System.Globalization;
using AigcGateway.Core.Idle;
using AigcGateway.Web.Components.Shared;
using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>The idle policy as people read it, on the cards and the administrators' page alike.</summary>
public static class IdleText
{
    /// <summary>A span of the policy: "45 min", "2 h", "1 h 30 min".</summary>
    public static string Span(TimeSpan span, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var minutes = (int)Math.Round(Math.Max(span.TotalMinutes, 0));
        return minutes < 60 ? l["Idle_Span_Minutes", minutes]
            : minutes % 60 == 0 ? l["Idle_Span_Hours", minutes / 60]
            : l["Idle_Span_HoursMinutes", minutes / 60, minutes % 60];
    }

    /// <summary>The countdown to the pause, "9:58" (never below 0:00: a due instance waits for the leader's next check).</summary>
    public static string Countdown(TimeSpan left)
    {
        var seconds = (int)Math.Ceiling(Math.Max(left.TotalSeconds, 0));
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}");
    }

    /// <summary>The whole minutes left, rounded up, for the announcement that changes once a minute.</summary>
    public static int MinutesLeft(TimeSpan left) => (int)Math.Ceiling(Math.Max(left.TotalMinutes, 0));

    /// <summary>"Paused at 15:40 after 2 h unused. Your files are kept."</summary>
    public static string Paused(AutoPauseRecord record, ViewerClock clock, DateTimeOffset now, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(l);
        var at = clock.TimeOrDate(record.PausedAt, now);
        return record.Unused is { } unused
            ? l["Idle_Paused_After", at, Span(unused, l)]
            : l["Idle_Paused_NeverUsed", at, Span(record.Timeout, l)];
    }

    /// <summary>What was measured when it was paused ("GPU 3 %, CPU 0.02 cores"); null without a measurement.</summary>
    public static string? Measured(AutoPauseRecord record, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(l);
        if (record.Measured is not { HasData: true } sample)
        {
            return null;
        }

        var parts = new List<string>();
        if (sample.GpuPercent is { } gpu)
        {
            parts.Add(l["Idle_Measured_Gpu", gpu.ToString("0.#", CultureInfo.CurrentCulture)]);
        }

        if (sample.CpuCores is { } cpu)
        {
            parts.Add(l["Idle_Measured_Cpu", cpu.ToString("0.###", CultureInfo.CurrentCulture)]);
        }

        return string.Join(l["Dialog_ListSeparator"], parts);
    }

    /// <summary>
    /// The administrators' view of one instance: its idle timer while it runs (pauses at, kept running until, not governed)
    /// or why the gateway paused it; "—" otherwise.
    /// </summary>
    public static string Admin(Core.Instances.Instance instance, ViewerClock clock, DateTimeOffset now, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(l);
        if (instance.State == Core.Instances.InstanceState.Paused && instance.AutoPause is { } record)
        {
            var at = clock.TimeOrDate(record.PausedAt, now);
            var why = record.Unused is { } unused
                ? l["Admin_Idle_AutoPaused", at, Span(unused, l), Span(record.Timeout, l)]
                : l["Admin_Idle_AutoPausedNeverUsed", at, Span(record.Timeout, l)];
            return Measured(record, l) is { } measured ? why + l["Dialog_ListSeparator"] + l["Admin_Idle_Measured", measured] : why;
        }

        if (instance.Idle is not { } idle)
        {
            return "—";
        }

        if (!idle.Governed)
        {
            return l["Admin_Idle_NotGoverned"];
        }

        if (idle.PausesAt is not { } pausesAt)
        {
            return l["Admin_Idle_NotTimed"];
        }

        var timer = (string)l["Admin_Idle_PausesAt", clock.TimeOrDate(pausesAt, now)];
        return idle.KeepRunningUntil is { } kept ? timer + l["Dialog_ListSeparator"] + l["Admin_Idle_KeptUntil", clock.TimeOrDate(kept, now)] : timer;
    }
}
