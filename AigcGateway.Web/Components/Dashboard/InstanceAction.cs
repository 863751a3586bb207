namespace AigcGateway.Web.Components.Dashboard;

/// <summary>What a user can do with a template's instance; the lower-case name is the button's <c>data-action</c>.</summary>
public enum InstanceAction
{
    Install,
    Visit,
    Pause,
    Recover,
    Restart,
    Uninstall,

    /// <summary>Drops the record of a missing instance (nothing exists to uninstall).</summary>
    Remove,
}
