using System.Globalization;
using Microsoft.JSInterop;

namespace AigcGateway.Web.Components.Shared;

/// <summary>
/// The viewer's wall clock: their browser's offset from UTC, asked once per circuit, so times read "15:40" as on their
/// watch. UTC until the browser has answered (prerendering, or a circuit that is gone).
/// </summary>
public sealed class ViewerClock(IJSRuntime js)
{
    private Task<bool>? _load;

    public TimeSpan Offset { get; private set; }

    /// <summary>Asks the browser once; true when the offset changed (the caller re-renders).</summary>
    public Task<bool> LoadAsync() => _load ??= AskAsync();

    /// <summary>The time of day in the viewer's zone, e.g. "15:40".</summary>
    public string Time(DateTimeOffset time) => time.ToOffset(Offset).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The time of day, with the date in front when it is not the viewer's today (<paramref name="now"/>).</summary>
    public string TimeOrDate(DateTimeOffset time, DateTimeOffset now)
    {
        var local = time.ToOffset(Offset);
        return local.Date == now.ToOffset(Offset).Date
            ? Time(time)
            : local.ToString("d", CultureInfo.CurrentCulture) + " " + Time(time);
    }

    private async Task<bool> AskAsync()
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/clock.js");
            var minutes = await module.InvokeAsync<int>("utcOffsetMinutes");
            var offset = TimeSpan.FromMinutes(Math.Clamp(minutes, -14 * 60, 14 * 60));
            var changed = offset != Offset;
            Offset = offset;
            return changed;
        }
        catch (Exception ex) when (ex is JSDisconnectedException or JSException or TaskCanceledException or InvalidOperationException)
        {
            // no browser (prerendering) or it went away: stay on UTC, which the tooltips also show
            _load = null;
            return false;
        }
    }
}
