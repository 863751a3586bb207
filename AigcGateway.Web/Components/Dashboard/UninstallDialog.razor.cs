using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>Asks before uninstalling: says the data volume is deleted and enables Uninstall once the template's name is typed.</summary>
public sealed partial class UninstallDialog
{
    private string? _typed;

    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [CascadingParameter]
    public IMudDialogInstance? Dialog { get; set; }

    /// <summary>The name the user must type (the template's display name).</summary>
    [Parameter, EditorRequired]
    public required string TemplateName { get; set; }

    /// <summary>What was typed is the template's name (surrounding spaces ignored).</summary>
    public bool Matches => string.Equals(_typed?.Trim(), TemplateName.Trim(), StringComparison.Ordinal);

    private void Cancel() => Dialog?.Cancel();

    private void Confirm()
    {
        if (Matches)
        {
            Dialog?.Close(DialogResult.Ok(true));
        }
    }

    private void OnKeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            Confirm();
        }
    }
}
