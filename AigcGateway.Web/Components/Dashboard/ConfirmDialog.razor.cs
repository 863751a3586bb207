using AigcGateway.Core.Instances;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>Asks before an operation, saying what it will do; closes with <c>true</c> on confirm.</summary>
public sealed partial class ConfirmDialog
{
    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [CascadingParameter]
    public IMudDialogInstance? Dialog { get; set; }

    /// <summary>The operation asked about (the dialog's <c>data-dialog</c>).</summary>
    [Parameter]
    public InstanceAction Action { get; set; }

    [Parameter]
    public IReadOnlyList<string> Paragraphs { get; set; } = [];

    [Parameter]
    public string ConfirmText { get; set; } = string.Empty;

    [Parameter]
    public Color ConfirmColor { get; set; } = Color.Primary;

    private void Cancel() => Dialog?.Cancel();

    private void Confirm() => Dialog?.Close(DialogResult.Ok(true));
}
