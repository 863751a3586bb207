using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>The actions each state allows (pure).</summary>
public static class InstanceActions
{
    /// <summary>The actions offered for <paramref name="template"/> given the user's <paramref name="instance"/> (null = none).</summary>
    public static ImmutableArray<InstanceAction> Allowed(Template template, Instance? instance)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (instance is null || instance.State == InstanceState.NotInstalled)
        {
            return template.IsInstallable ? [InstanceAction.Install] : [];
        }

        return instance.State switch
        {
            InstanceState.Running when instance.Url is not null =>
                [InstanceAction.Visit, InstanceAction.Pause, InstanceAction.Restart, InstanceAction.Uninstall],
            InstanceState.Running => [InstanceAction.Pause, InstanceAction.Restart, InstanceAction.Uninstall],
            InstanceState.Starting => [InstanceAction.Pause, InstanceAction.Restart, InstanceAction.Uninstall],
            InstanceState.Installing or InstanceState.Recovering => [InstanceAction.Pause, InstanceAction.Uninstall],
            InstanceState.Restarting => [InstanceAction.Uninstall],
            InstanceState.Paused => [InstanceAction.Recover, InstanceAction.Uninstall],
            InstanceState.Failed when instance.Diagnostic?.Reason == DiagnosticReason.OperationFailed =>
                [InstanceAction.Recover, InstanceAction.Uninstall],
            InstanceState.Failed => [InstanceAction.Restart, InstanceAction.Pause, InstanceAction.Uninstall],
            InstanceState.Missing => [InstanceAction.Remove],
            _ => [],
        };
    }

    /// <summary>The value of the button's <c>data-action</c> attribute.</summary>
    public static string Hook(this InstanceAction action) => action.ToString().ToLowerInvariant();

    /// <summary>The instance is on its way to running: the startup timeline applies.</summary>
    public static bool IsStarting(InstanceState state) =>
        state is InstanceState.Installing or InstanceState.Starting or InstanceState.Recovering or InstanceState.Restarting;

    /// <summary>The instance is changing by itself (something is in progress, nothing to click).</summary>
    public static bool IsTransitional(InstanceState state) =>
        IsStarting(state) || state is InstanceState.Pausing or InstanceState.Uninstalling;
}
