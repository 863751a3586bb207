using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using AigcGateway.Web.Components.Shared;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>
/// From <see cref="IdlePolicy.WarningWindow"/> before the idle pause: "Pauses at 15:40 unless used", a live countdown,
/// the tab's title and Keep running. It keeps its own clock (only this component renders every second while shown, and
/// nothing before: one timer wakes it when the window opens), so the dashboard is not redrawn for the countdown.
/// </summary>
public sealed partial class IdleBanner : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private ITimer? _timer;
    private DateTimeOffset? _scheduledFor;
    private bool _disposed;

    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required ViewerClock Clock { get; init; }

    [Parameter, EditorRequired]
    public required Instance Instance { get; set; }

    /// <summary>The template's name, for the menu's accessible labels.</summary>
    [Parameter, EditorRequired]
    public required string TemplateName { get; set; }

    /// <summary>An operation on the instance is running: the menu is disabled.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The user chose how much longer to keep it running.</summary>
    [Parameter]
    public EventCallback<TimeSpan> OnKeepRunning { get; set; }

    private IdleStatus? Idle => Instance.State == InstanceState.Running && Instance.Idle is { Governed: true, PausesAt: not null } idle ? idle : null;

    private string TextId => "idle-" + string.Concat(Instance.Ref.ToString().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>The time left before the pause while the warning shows; null outside the window.</summary>
    private TimeSpan? Left => Idle?.PausesAt is { } at && Time.GetUtcNow() >= at - IdlePolicy.WarningWindow ? at - Time.GetUtcNow() : null;

    protected override void OnParametersSet() => Schedule();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await Clock.LoadAsync())
        {
            StateHasChanged();
        }
    }

    /// <summary>Ticks every second inside the window; outside it, one timer for the window's start; none without a pause.</summary>
    private void Schedule()
    {
        DateTimeOffset? next = Left is not null ? null : Idle?.PausesAt - IdlePolicy.WarningWindow;
        if (Left is not null)
        {
            if (_timer is null || _scheduledFor is not null)
            {
                Replace(Time.CreateTimer(_ => OnTimer(), null, Tick, Tick), null);
            }
        }
        else if (next is { } opens)
        {
            if (_scheduledFor != opens)
            {
                var due = opens - Time.GetUtcNow();
                Replace(Time.CreateTimer(_ => OnTimer(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan), opens);
            }
        }
        else
        {
            Replace(null, null);
        }
    }

    private void Replace(ITimer? timer, DateTimeOffset? scheduledFor)
    {
        _timer?.Dispose();
        _timer = timer;
        _scheduledFor = scheduledFor;
    }

    private void OnTimer() => _ = InvokeAsync(() =>
    {
        if (_disposed)
        {
            return;
        }

        Schedule();
        StateHasChanged();
    });

    public void Dispose()
    {
        _disposed = true;
        Replace(null, null);
    }
}
