using AigcGateway.Core.Instances;
using AigcGateway.Web.Components.Admin;
using AigcGateway.Web.Components.Dashboard;

namespace AigcGateway.Web.Resources;

// Every switch below names every member and has no discard arm: a member added without a text does not compile
// (CS8509), and renaming a member keeps its key. CS8524 only asks for an arm for values no member names.
#pragma warning disable CS8524

/// <summary>
/// The keys in <see cref="Strings"/> of the Web's own enums and step statuses (Core's enums: <c>Core.Text.TextKeys</c>).
/// Constants, not enum names: renaming a member cannot silently lose its text.
/// </summary>
public static class WebTextKeys
{
    public static string Stage(StartupStage stage) => stage switch
    {
        StartupStage.Scheduled => "Instance_Stage_Scheduled",
        StartupStage.ImagePulling => "Instance_Stage_ImagePulling",
        StartupStage.ContainerStarted => "Instance_Stage_ContainerStarted",
        StartupStage.Ready => "Instance_Stage_Ready",
        StartupStage.NetworkReady => "Instance_Stage_NetworkReady",
    };

    /// <summary>The statuses of a startup step, as the timeline marks them (<c>data-status</c>).</summary>
    public static readonly IReadOnlyList<string> StepStatuses = ["done", "active", "stuck", "todo"];

    public static string StepStatus(string status) => status switch
    {
        "done" => "Instance_StepStatus_done",
        "active" => "Instance_StepStatus_active",
        "stuck" => "Instance_StepStatus_stuck",
        "todo" => "Instance_StepStatus_todo",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a startup step status"),
    };

    /// <summary>The button text of an action on the dashboard's template card.</summary>
    public static string Action(InstanceAction action) => action switch
    {
        InstanceAction.Install => "Instance_Install",
        InstanceAction.Visit => "Instance_Visit",
        InstanceAction.Pause => "Instance_Pause",
        InstanceAction.Recover => "Instance_Recover",
        InstanceAction.Restart => "Instance_Restart",
        InstanceAction.Uninstall => "Instance_Uninstall",
        InstanceAction.Remove => "Instance_Remove",
    };

    /// <summary>The accessible label of that button (it names the template).</summary>
    public static string ActionLabel(InstanceAction action) => Action(action) + "_Label";

    /// <summary>The texts of an administrator's action on one instance: confirmation, its button, the outcome.</summary>
    internal static AdminActionKeys Admin(AdminInstances.Row action) => action switch
    {
        AdminInstances.Row.Pause => new("Admin_Confirm_Pause_Title", "Admin_Confirm_Pause_Text", "Admin_Action_Pause", "Admin_Done_Pause"),
        AdminInstances.Row.Recover => new("Admin_Confirm_Recover_Title", "Admin_Confirm_Recover_Text", "Admin_Action_Recover", "Admin_Done_Recover"),
        AdminInstances.Row.Restart => new("Admin_Confirm_Restart_Title", "Admin_Confirm_Restart_Text", "Admin_Action_Restart", "Admin_Done_Restart"),
        AdminInstances.Row.Uninstall => new("Admin_Confirm_Uninstall_Title", "Admin_Confirm_Uninstall_Text", "Admin_Action_Uninstall", "Admin_Done_Uninstall"),
        AdminInstances.Row.RemoveRecord => new("Admin_Confirm_RemoveRecord_Title", "Admin_Confirm_RemoveRecord_Text", "Admin_Action_RemoveRecord", "Admin_Done_RemoveRecord"),
    };

    /// <summary>The texts of an administrator's action on the selected instances.</summary>
    internal static AdminActionKeys Admin(AdminInstances.Bulk action) => action switch
    {
        AdminInstances.Bulk.Pause => new("Admin_Confirm_BulkPause_Title", "Admin_Confirm_BulkPause_Text", "Admin_Action_Pause", "Admin_Done_Pause"),
        AdminInstances.Bulk.Recover => new("Admin_Confirm_BulkRecover_Title", "Admin_Confirm_BulkRecover_Text", "Admin_Action_Recover", "Admin_Done_Recover"),
    };
}
