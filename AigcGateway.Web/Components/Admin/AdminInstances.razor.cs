using System.Collections.Immutable;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AigcGateway.Web.Components.Admin;

/// <summary>Every user's instances: filter and search, bulk pause / recover, per-row actions with confirmation, raw events.</summary>
public sealed partial class AdminInstances
{
    private const string AllStates = "all";

    private ImmutableArray<AdminInstance> _all = [];
    private HashSet<AdminInstance> _selected = [];
    private readonly HashSet<InstanceRef> _expanded = [];
    private string? _search;
    private string _state = AllStates;
    private string? _message;
    private bool _messageIsError;
    private bool _busy;
    private ImmutableDictionary<string, string> _names = ImmutableDictionary<string, string>.Empty;

    internal enum Row
    {
        Pause,
        Recover,
        Restart,
        Uninstall,
        RemoveRecord,
    }

    internal enum Bulk
    {
        Pause,
        Recover,
    }

    [Inject] public required IMigrationAdministration Migration { get; init; }

    [Inject] public required Shared.ViewerClock Clock { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The node column only when the cluster reports nodes for some instance.</summary>
    private bool ShowNode => _all.Any(i => i.Node is not null);

    private IEnumerable<AdminInstance> Filtered => _all.Where(Matches);

    /// <summary>What the one policy (<see cref="AllowedActions"/>) lets an administrator do with the instance.</summary>
    private static bool Allows(AdminInstance instance, InstanceAction action) =>
        AllowedActions.For(ActionViewer.Administrator, instance.Instance, templateInstallable: false).Contains(action);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // the idle column's times of day in the administrator's zone once the browser has said which
        if (firstRender && await Clock.LoadAsync())
        {
            StateHasChanged();
        }
    }

    protected override void Refresh()
    {
        _all = Admin.ListInstances();
        var current = _all.Select(i => i.Ref).ToHashSet();
        _selected = [.. _all.Where(i => _selected.Any(s => s.Ref == i.Ref))];
        _expanded.IntersectWith(current);
        if (_all.Any(i => !_names.ContainsKey(i.Owner)))
        {
            _ = LoadNamesAsync();
        }
    }

    private string NameOf(string userId) => _names.GetValueOrDefault(userId, userId);

    private async Task LoadNamesAsync()
    {
        try
        {
            var names = await Admin.UserNamesAsync(_all.Select(i => i.Owner), Stopping);
            await InvokeAsync(() =>
            {
                _names = _names.SetItems(names);
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
            // page closed
        }
        catch (ObjectDisposedException)
        {
            // circuit gone
        }
    }

    private bool Matches(AdminInstance instance)
    {
        if (_state != AllStates && instance.State.ToString() != _state)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(_search))
        {
            return true;
        }

        var term = _search.Trim();
        return instance.Owner.Contains(term, StringComparison.OrdinalIgnoreCase)
            || NameOf(instance.Owner).Contains(term, StringComparison.OrdinalIgnoreCase)
            || instance.TemplateDisplayName.Contains(term, StringComparison.OrdinalIgnoreCase)
            || instance.Ref.ToString().Contains(term, StringComparison.OrdinalIgnoreCase)
            || (instance.Node?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false);
    }

    private void ToggleEvents(InstanceRef instance)
    {
        if (!_expanded.Remove(instance))
        {
            _expanded.Add(instance);
        }
    }

    private async Task ActAsync(AdminInstance instance, Row action)
    {
        var keys = WebTextKeys.Admin(action);
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L[keys.ConfirmTitle],
            L[keys.ConfirmText, instance.TemplateDisplayName, instance.Ref.Id, instance.Owner],
            yesText: L[keys.Action],
            cancelText: L["Dialog_Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = action switch
            {
                Row.Pause => await Admin.PauseAsync(Actor, instance.Ref, Stopping),
                Row.Recover => await Admin.RecoverAsync(Actor, instance.Ref, Stopping),
                Row.Restart => await Admin.RestartAsync(Actor, instance.Ref, Stopping),
                Row.RemoveRecord => await Migration.RemoveRecordAsync(Actor, instance.Ref, Stopping),
                _ => await Admin.UninstallAsync(Actor, instance.Ref, Stopping),
            };
            Report(result.Succeeded ? [] : [Failure(instance.Ref, result)], keys, 1);
        }
        finally
        {
            _busy = false;
            Refresh();
        }
    }

    private async Task BulkAsync(Bulk action)
    {
        var targets = _selected.ToList();
        var keys = WebTextKeys.Admin(action);
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L[keys.ConfirmTitle],
            L[keys.ConfirmText, targets.Count],
            yesText: L[keys.Action],
            cancelText: L["Dialog_Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        var failures = new List<string>();
        try
        {
            foreach (var target in targets)
            {
                var result = action == Bulk.Pause
                    ? await Admin.PauseAsync(Actor, target.Ref, Stopping)
                    : await Admin.RecoverAsync(Actor, target.Ref, Stopping);
                if (!result.Succeeded)
                {
                    failures.Add(Failure(target.Ref, result));
                }
            }

            _selected.Clear();
            Report(failures, keys, targets.Count);
        }
        finally
        {
            _busy = false;
            Refresh();
        }
    }

    private string Failure(InstanceRef instance, OperationResult result) =>
        $"{instance}: {OperationErrorText.Describe(result.Error ?? OperationError.ClusterError, System.Globalization.CultureInfo.CurrentUICulture)}";

    private void Report(List<string> failures, AdminActionKeys keys, int count)
    {
        _messageIsError = failures.Count > 0;
        _message = failures.Count > 0
            ? L["Admin_Action_Failed", string.Join("; ", failures)]
            : L[keys.Done, count];
    }

    private static Color StateColor(InstanceState state) => state switch
    {
        InstanceState.Running => Color.Success,
        InstanceState.Failed => Color.Error,
        InstanceState.Paused => Color.Default,
        InstanceState.Missing => Color.Warning,
        _ => Color.Info,
    };
}
