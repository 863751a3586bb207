using System.Globalization;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>
/// A signed-in user's dashboard: the catalog and their instances, live. Subscribes once (interactive render only),
/// renders the snapshot, then applies every change from the subscription's stream; operations run per template
/// with that template's buttons disabled until they return.
/// </summary>
public sealed partial class DashboardView : IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly HashSet<TemplateRef> _busy = [];
    private readonly Dictionary<TemplateRef, string> _errors = [];
    private DashboardSubscription? _subscription;
    private UserDashboard? _dashboard;
    private bool _disposed;

    [Inject] public required IInstanceService Instances { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    /// <summary>The signed-in user's id (the Logto <c>sub</c>); see <see cref="UserClaims.IdOf"/>.</summary>
    [Parameter, EditorRequired]
    public required string UserId { get; set; }

    /// <summary>The first snapshot arrived and the gateway has read the cluster.</summary>
    public bool IsReady => _dashboard?.IsReady == true;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            // prerendering: show the skeleton; the interactive render subscribes
            return;
        }

        _subscription = await Instances.SubscribeAsync(UserId, _lifetime.Token);
        _dashboard = _subscription.Snapshot;
        _ = FollowAsync(_subscription, _lifetime.Token);
    }

    private async Task FollowAsync(DashboardSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var dashboard in subscription.Changes.WithCancellation(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    _dashboard = dashboard;
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the component went away
        }
        catch (Exception ex) when (!_disposed)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private bool IsBusy(TemplateRef template) => _busy.Contains(template);

    private string? ErrorOf(TemplateRef template) => _errors.GetValueOrDefault(template);

    private void DismissError(TemplateRef template) => _errors.Remove(template);

    private async Task OnActionAsync(CatalogEntry entry, InstanceAction action)
    {
        if (_busy.Contains(entry.Ref) || action == InstanceAction.Visit || !await ConfirmAsync(entry, action))
        {
            return;
        }

        await TrackAsync(entry.Ref, () => RunAsync(entry, action));
    }

    /// <summary>Keep running from the idle warning: no confirmation (nothing is lost by it), progress and errors as for the other actions.</summary>
    private async Task OnKeepRunningAsync(CatalogEntry entry, TimeSpan duration)
    {
        if (_busy.Contains(entry.Ref) || entry.Instance is not { } instance)
        {
            return;
        }

        await TrackAsync(entry.Ref, () => Instances.KeepRunningAsync(UserId, instance.Ref, duration, CancellationToken.None));
    }

    /// <summary>Runs an operation with the template's buttons disabled until it returns; its error stays on the card.</summary>
    private async Task TrackAsync(TemplateRef template, Func<Task<OperationResult>> operation)
    {
        _errors.Remove(template);
        _busy.Add(template);
        StateHasChanged();
        try
        {
            var result = await operation();
            if (result.Error is { } error)
            {
                _errors[template] = OperationErrorText.Describe(error, CultureInfo.CurrentUICulture);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _errors[template] = L["Dashboard_Error_Unexpected"];
        }
        finally
        {
            _busy.Remove(template);
        }
    }

    private Task<OperationResult> RunAsync(CatalogEntry entry, InstanceAction action)
    {
        // An operation the user confirmed runs to the end even when they close the page: stopping half-way would
        // leave the instance between two states.
        var token = CancellationToken.None;
        if (action == InstanceAction.Install)
        {
            return Instances.InstallAsync(UserId, entry.Ref, token);
        }

        var instance = entry.Instance?.Ref ?? throw new InvalidOperationException($"No instance of {entry.Ref} to {action}.");
        return action switch
        {
            InstanceAction.Pause => Instances.PauseAsync(UserId, instance, token),
            InstanceAction.Recover => Instances.RecoverAsync(UserId, instance, token),
            InstanceAction.Restart => Instances.RestartAsync(UserId, instance, token),
            InstanceAction.Uninstall => Instances.UninstallAsync(UserId, instance, token),
            InstanceAction.Remove => Instances.RemoveAsync(UserId, instance, token),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }

    private async Task<bool> ConfirmAsync(CatalogEntry entry, InstanceAction action)
    {
        var template = entry.Template;
        var options = new DialogOptions
        {
            MaxWidth = MaxWidth.Small,
            FullWidth = true,
            CloseOnEscapeKey = true,
            DefaultFocus = DefaultFocus.FirstChild,
        };
        IDialogReference dialog;
        switch (action)
        {
            case InstanceAction.Uninstall:
                dialog = await Dialogs.ShowAsync<UninstallDialog>(
                    L["Dialog_Uninstall_Title", template.DisplayName],
                    new DialogParameters<UninstallDialog> { { d => d.TemplateName, template.DisplayName } },
                    options);
                break;
            default:
                var (title, paragraphs, confirm, color) = Describe(template, action);
                dialog = await Dialogs.ShowAsync<ConfirmDialog>(
                    title,
                    new DialogParameters<ConfirmDialog>
                    {
                        { d => d.Action, action },
                        { d => d.Paragraphs, paragraphs },
                        { d => d.ConfirmText, confirm },
                        { d => d.ConfirmColor, color },
                    },
                    options);
                break;
        }

        var result = await dialog.Result;
        return result is { Canceled: false };
    }

    private (string Title, IReadOnlyList<string> Paragraphs, string Confirm, Color Color) Describe(Template template, InstanceAction action)
    {
        var name = template.DisplayName;
        var gpu = template.Resources.UsesGpu;
        switch (action)
        {
            case InstanceAction.Install:
                List<string> install = [L["Dialog_Install_Creates", name]];
                var resources = ResourceBadges.Describe(template, L);
                if (resources.Count > 0)
                {
                    install.Add(L["Dialog_Install_Resources", string.Join(L["Dialog_ListSeparator"], resources)]);
                }

                if (template.Resources.DataVolumeSize is { } size)
                {
                    install.Add(L["Dialog_Install_Volume", Quantities.Bytes(size)]);
                }

                if (gpu)
                {
                    install.Add(template.GpuType is { } type ? L["Dialog_Install_GpuOfType", type] : L["Dialog_Install_Gpu"]);
                }

                return (L["Dialog_Install_Title", name], install, L["Dialog_Install_Confirm"], Color.Primary);
            case InstanceAction.Pause:
                return (L["Dialog_Pause_Title", name],
                    [L["Dialog_Pause_Files"], L[gpu ? "Dialog_Pause_Gpu" : "Dialog_Pause_Resources"], L["Dialog_Pause_Recover"]],
                    L["Dialog_Pause_Confirm"], Color.Primary);
            case InstanceAction.Recover:
                List<string> recover = [L["Dialog_Recover_Text"]];
                if (gpu)
                {
                    recover.Add(template.GpuType is { } gpuType ? L["Dialog_Recover_GpuOfType", gpuType] : L["Dialog_Recover_Gpu"]);
                }

                return (L["Dialog_Recover_Title", name], recover, L["Dialog_Recover_Confirm"], Color.Primary);
            case InstanceAction.Restart:
                return (L["Dialog_Restart_Title", name], [L["Dialog_Restart_Text"]], L["Dialog_Restart_Confirm"], Color.Warning);
            case InstanceAction.Remove:
                return (L["Dialog_Remove_Title", name], [L["Dialog_Remove_Text"]], L["Dialog_Remove_Confirm"], Color.Error);
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _lifetime.CancelAsync();
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        _lifetime.Dispose();
    }
}
