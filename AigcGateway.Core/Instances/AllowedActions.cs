using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>
/// The one policy for the actions each state allows (pure), for the owner's dashboard and the administrators' instances
/// page. Administrators may also pause or restart an instance that is still changing (installing, recovering,
/// restarting, uninstalling) and never install or visit; otherwise both views follow the same rules, including a failed
/// instance whose last operation did not complete (it is recovered or uninstalled, not paused or restarted).
/// </summary>
public static class AllowedActions
{
    /// <summary>The actions <paramref name="viewer"/> is offered for <paramref name="instance"/> (null = the template has none).</summary>
    /// <param name="templateInstallable">Whether the template can be installed at all (only the owner view installs).</param>
    public static ImmutableArray<InstanceAction> For(ActionViewer viewer, Instance? instance, bool templateInstallable)
    {
        if (instance is null || instance.State == InstanceState.NotInstalled)
        {
            return viewer == ActionViewer.Owner && templateInstallable ? [InstanceAction.Install] : [];
        }

        var operationFailed = instance.State == InstanceState.Failed && instance.Diagnostic?.Reason == DiagnosticReason.OperationFailed;
        return viewer == ActionViewer.Owner
            ? ForOwner(instance.State, instance.Url is not null, operationFailed)
            : ForAdministrator(instance.State, operationFailed);
    }

    private static ImmutableArray<InstanceAction> ForOwner(InstanceState state, bool reachable, bool operationFailed) => state switch
    {
        _ when operationFailed => [InstanceAction.Recover, InstanceAction.Uninstall],
        InstanceState.Running when reachable => [InstanceAction.Visit, InstanceAction.Pause, InstanceAction.Restart, InstanceAction.Uninstall],
        InstanceState.Running or InstanceState.Starting => [InstanceAction.Pause, InstanceAction.Restart, InstanceAction.Uninstall],
        InstanceState.Installing or InstanceState.Recovering => [InstanceAction.Pause, InstanceAction.Uninstall],
        InstanceState.Restarting => [InstanceAction.Uninstall],
        InstanceState.Paused => [InstanceAction.Recover, InstanceAction.Uninstall],
        InstanceState.Failed => [InstanceAction.Restart, InstanceAction.Pause, InstanceAction.Uninstall],
        InstanceState.Missing => [InstanceAction.Remove],
        _ => [],
    };

    private static ImmutableArray<InstanceAction> ForAdministrator(InstanceState state, bool operationFailed) => state switch
    {
        _ when operationFailed => [InstanceAction.Recover, InstanceAction.Uninstall],
        InstanceState.Paused => [InstanceAction.Recover, InstanceAction.Uninstall],
        InstanceState.Pausing => [InstanceAction.Uninstall],
        InstanceState.Missing => [InstanceAction.Remove],
        _ => [InstanceAction.Pause, InstanceAction.Restart, InstanceAction.Uninstall],
    };
}
