using AigcGateway.Core.Instances;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>How the dashboard presents instance actions and states (which actions a state allows: <see cref="AllowedActions"/>).</summary>
public static class InstanceActions
{
    /// <summary>The value of the button's <c>data-action</c> attribute.</summary>
    public static string Hook(this InstanceAction action) => action.ToString().ToLowerInvariant();

    /// <summary>The instance is on its way to running: the startup timeline applies.</summary>
    public static bool IsStarting(InstanceState state) =>
        state is InstanceState.Installing or InstanceState.Starting or InstanceState.Recovering or InstanceState.Restarting;

    /// <summary>The instance is changing by itself (something is in progress, nothing to click).</summary>
    public static bool IsTransitional(InstanceState state) =>
        IsStarting(state) || state is InstanceState.Pausing or InstanceState.Uninstalling;
}
