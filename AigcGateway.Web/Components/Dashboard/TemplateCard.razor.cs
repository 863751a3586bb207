using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Text;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>A catalog card: the template (icon, name, description, resources, why it is not available) and the user's instance of it with its actions.</summary>
public sealed partial class TemplateCard
{
    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Parameter, EditorRequired]
    public required CatalogEntry Entry { get; set; }

    /// <summary>An operation on this template's instance is running: the buttons are disabled.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The last operation's error, in the user's language, with what to do.</summary>
    [Parameter]
    public string? Error { get; set; }

    [Parameter]
    public EventCallback<InstanceAction> OnAction { get; set; }

    [Parameter]
    public EventCallback OnDismissError { get; set; }

    /// <summary>The user chose Keep running for this long (the idle warning's menu).</summary>
    [Parameter]
    public EventCallback<TimeSpan> OnKeepRunning { get; set; }

    private Template Template => Entry.Template;

    /// <summary>The icon's image address; never one on the dashboard's own host, which the viewer's browser would call with their session.</summary>
    private string? IconImage => TemplateIcons.ImageSource(Template.Icon, new Uri(Navigation.BaseUri).Host);

    private InstanceState State => Entry.HasInstance ? Entry.Instance!.State : InstanceState.NotInstalled;

    private ImmutableArray<InstanceAction> Actions => AllowedActions.For(ActionViewer.Owner, Entry.Instance, Template.IsInstallable);

    private string TitleId => "template-" + string.Concat(Entry.Ref.ToString().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>The errors that make the template not installable, in the user's language.</summary>
    private IEnumerable<string> Reasons => Template.Problems
        .Where(p => p.Severity == ConformanceSeverity.Error)
        .Select(p => p.Code)
        .Distinct()
        .Select(code => (string)L["Catalog_Problem_" + TextKeys.Of(code)]);

    private static Color ColorOf(InstanceAction action) => action switch
    {
        InstanceAction.Install or InstanceAction.Recover => Color.Primary,
        InstanceAction.Uninstall or InstanceAction.Remove => Color.Error,
        _ => Color.Default,
    };

    private static string IconOf(InstanceAction action) => action switch
    {
        InstanceAction.Install => Icons.Material.Filled.Download,
        InstanceAction.Pause => Icons.Material.Filled.Pause,
        InstanceAction.Recover => Icons.Material.Filled.PlayArrow,
        InstanceAction.Restart => Icons.Material.Filled.RestartAlt,
        InstanceAction.Uninstall => Icons.Material.Filled.DeleteForever,
        InstanceAction.Remove => Icons.Material.Filled.LinkOff,
        _ => Icons.Material.Filled.OpenInNew,
    };
}
