using AigcGateway.Core.Instances;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>
/// Scheduled → image pulling → container started → ready → network ready, with the time spent so far. The elapsed
/// time is a clock (one render a second while shown), not a poll: the stages change only with the subscription.
/// </summary>
public sealed partial class StartupTimeline : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private ITimer? _clock;
    private InstanceState? _seenState;
    private DateTimeOffset _sequenceStart;

    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Parameter, EditorRequired]
    public required Instance Instance { get; set; }

    [Parameter, EditorRequired]
    public required StartupProgress Progress { get; set; }

    /// <summary>Time since starting began: since the GameServer was created, unless it predates what this page saw begin (a restart or recover keeps the old one).</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var since = Instance.Created is { } created && (created >= _sequenceStart || _seenState is InstanceState.Installing or InstanceState.Starting)
                ? created
                : _sequenceStart;
            return Time.GetUtcNow() - since;
        }
    }

    protected override void OnParametersSet()
    {
        if (_seenState is null)
        {
            _seenState = Instance.State;
            _sequenceStart = Time.GetUtcNow();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _clock = Time.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, Tick, Tick);
        }
    }

    private string StatusOf(StartupStage stage) =>
        stage < Progress.Current ? "done"
        : stage > Progress.Current ? "todo"
        : Progress.Stuck ? "stuck" : "active";

    private static string IconOf(string status) => status switch
    {
        "done" => Icons.Material.Filled.CheckCircle,
        "stuck" => Icons.Material.Filled.ErrorOutline,
        "active" => Icons.Material.Filled.HourglassTop,
        _ => Icons.Material.Filled.RadioButtonUnchecked,
    };

    private static Color ColorOf(string status) => status switch
    {
        "done" => Color.Success,
        "stuck" => Color.Error,
        "active" => Color.Info,
        _ => Color.Default,
    };

    public void Dispose() => _clock?.Dispose();
}
