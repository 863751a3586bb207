using AigcGateway.Core.Instances;
using AigcGateway.Web.Components.Shared;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>The user's instance: its state, address, when it was created and last used, how starting goes, what is wrong and why the gateway paused it.</summary>
public sealed partial class InstancePanel
{
    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required ViewerClock Clock { get; init; }

    [Parameter, EditorRequired]
    public required Instance Instance { get; set; }

    private DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The latest activity; for an instance the gateway paused, the one its record kept (the GameServer and its annotation are gone).</summary>
    private DateTimeOffset? LastActive => Instance.LastActivity ?? (Instance.State == InstanceState.Paused ? Instance.AutoPause?.LastActive : null);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // times of day ("paused at 15:40") in the viewer's zone once the browser has said which
        if (firstRender && await Clock.LoadAsync())
        {
            StateHasChanged();
        }
    }

    private Color StateColor => Instance.State switch
    {
        InstanceState.Running => Color.Success,
        InstanceState.Failed => Color.Error,
        InstanceState.Paused => Color.Default,
        InstanceState.Pausing or InstanceState.Uninstalling or InstanceState.Missing => Color.Warning,
        _ => Color.Info,
    };

    private string StateIcon => Instance.State switch
    {
        InstanceState.Running => Icons.Material.Filled.CheckCircle,
        InstanceState.Failed => Icons.Material.Filled.Error,
        InstanceState.Paused => Icons.Material.Filled.PauseCircle,
        InstanceState.Uninstalling => Icons.Material.Filled.Delete,
        InstanceState.Missing => Icons.Material.Filled.LinkOff,
        _ => Icons.Material.Filled.HourglassTop,
    };

    /// <summary>The address without the scheme and without a lone trailing slash.</summary>
    private static string Display(Uri url)
    {
        var text = url.GetComponents(UriComponents.Host | UriComponents.Port | UriComponents.PathAndQuery, UriFormat.Unescaped);
        return text.EndsWith('/') && url.AbsolutePath == "/" && string.IsNullOrEmpty(url.Query) ? text[..^1] : text;
    }
}
