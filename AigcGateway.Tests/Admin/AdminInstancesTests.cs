using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Web.Components.Admin;
using AngleSharp.Dom;
using Bunit;

namespace AigcGateway.Tests.Admin;

public sealed class AdminInstancesTests : AdminContext
{
    public AdminInstancesTests()
    {
        Admin.Instances =
        [
            Instance(Sd, 0, "user-alice", InstanceState.Running, new EventObservation("Pod", "sd-webui-0", "Warning", "BackOff", "Back-off restarting failed container", Now)),
            Instance(Sd, 1, "user-bob", InstanceState.Paused),
            Instance(Comfy, 0, "user-bob", InstanceState.Failed),
        ];
    }

    private static IReadOnlyList<string> Users(IRenderedComponent<AdminHost> page) =>
        [.. page.FindAll("[data-cell='user']").Select(c => c.TextContent.Trim())];

    private static IElement ButtonOf(IRenderedComponent<AdminHost> page, string instance, string action) =>
        page.Find($"td[data-instance='{instance}'] [data-action='{action}']");

    private static void Answer(IRenderedComponent<AdminHost> page, string button) =>
        page.WaitForElement(".mud-dialog").QuerySelectorAll("button").First(b => b.TextContent.Trim() == button).Click();

    [Fact]
    public void Every_users_instance_is_listed_with_its_template_id_and_state()
    {
        var page = RenderPage<AdminInstances>();

        Users(page).ShouldBe(["user-alice", "user-bob", "user-bob"]);
        page.FindAll("[data-state]").Select(s => s.GetAttribute("data-state")).ShouldBe(["Running", "Paused", "Failed"]);
        page.Markup.ShouldContain("user-data-sd-webui-1");
    }

    [Fact]
    public void Users_are_shown_by_their_logto_name_and_found_by_it()
    {
        Admin.Names = Admin.Names.Add("user-bob", "Bob Wang");
        var page = RenderPage<AdminInstances>();
        page.WaitForAssertion(() => Users(page).ShouldBe(["user-alice", "Bob Wang", "Bob Wang"]));

        page.Find(".admin-search input").Input("wang");

        page.WaitForAssertion(() => Users(page).ShouldBe(["Bob Wang", "Bob Wang"]));
    }

    [Fact]
    public void Searching_for_a_user_keeps_only_their_instances()
    {
        var page = RenderPage<AdminInstances>();

        page.Find(".admin-search input").Input("alice");

        page.WaitForAssertion(() => Users(page).ShouldBe(["user-alice"]));
    }

    [Fact]
    public void A_row_action_runs_only_after_the_administrator_confirms_it()
    {
        var page = RenderPage<AdminInstances>();

        ButtonOf(page, "aigc/sd-webui#0", "pause").Click();
        Admin.Calls.ShouldBeEmpty();
        Answer(page, "Pause");

        page.WaitForAssertion(() => Admin.Calls.ShouldBe(["pause Ada (admin-1) aigc/sd-webui#0"]));
    }

    [Fact]
    public void Cancelling_the_confirmation_leaves_the_instance_alone()
    {
        var page = RenderPage<AdminInstances>();

        ButtonOf(page, "aigc/comfyui#0", "uninstall").Click();
        Answer(page, "Cancel");

        page.WaitForAssertion(() => page.FindAll(".mud-dialog").ShouldBeEmpty());
        Admin.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void A_failed_action_is_reported_with_the_reason()
    {
        Admin.NextResult = OperationResult.Fail(OperationError.Busy);
        var page = RenderPage<AdminInstances>();

        ButtonOf(page, "aigc/sd-webui#0", "restart").Click();
        Answer(page, "Restart");

        page.WaitForAssertion(() => page.Find("[data-admin-message]").TextContent.ShouldContain("aigc/sd-webui#0"));
    }

    [Fact]
    public void Bulk_pause_pauses_every_selected_instance()
    {
        var page = RenderPage<AdminInstances>();

        var boxes = page.FindAll("tbody input[type='checkbox']");
        boxes[0].Change(true);
        page.FindAll("tbody input[type='checkbox']")[2].Change(true);
        page.Find("[data-action='bulk-pause']").Click();
        Answer(page, "Pause");

        page.WaitForAssertion(() => Admin.Calls.ShouldBe(["pause Ada (admin-1) aigc/sd-webui#0", "pause Ada (admin-1) aigc/comfyui#0"]));
    }

    [Fact]
    public void The_raw_kubernetes_events_of_an_instance_open_under_its_row()
    {
        var page = RenderPage<AdminInstances>();

        ButtonOf(page, "aigc/sd-webui#0", "events").Click();

        page.Find("[data-events='aigc/sd-webui#0']").TextContent.ShouldContain("Back-off restarting failed container");
    }

    [Fact]
    public void The_table_follows_changes_in_the_cluster()
    {
        var page = RenderPage<AdminInstances>();

        Admin.Instances = [Instance(Sd, 0, "user-carol", InstanceState.Starting)];
        Admin.Changed();

        page.WaitForAssertion(() => Users(page).ShouldBe(["user-carol"]));
    }

    [Fact]
    public void A_failed_instance_whose_last_operation_failed_offers_what_the_policy_allows_administrators()
    {
        var failed = Instance(Sd, 3, "user-bob", InstanceState.Failed);
        failed = failed with { Instance = failed.Instance with { Diagnostic = new InstanceDiagnostic(DiagnosticReason.OperationFailed) } };
        Admin.Instances = [failed];
        var page = RenderPage<AdminInstances>();

        var allowed = AllowedActions.For(ActionViewer.Administrator, failed.Instance, templateInstallable: true);
        allowed.ShouldBe([InstanceAction.Recover, InstanceAction.Uninstall], ignoreOrder: true);
        foreach (var (action, hook) in new[] { (InstanceAction.Pause, "pause"), (InstanceAction.Recover, "recover"), (InstanceAction.Restart, "restart"), (InstanceAction.Uninstall, "uninstall") })
        {
            ButtonOf(page, "aigc/sd-webui#3", hook).HasAttribute("disabled").ShouldBe(!allowed.Contains(action), hook);
        }

        page.FindAll("td[data-instance='aigc/sd-webui#3'] [data-action='remove-record']").ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_instance_offers_only_removing_its_record_after_a_confirmation()
    {
        Admin.Instances = [Instance(Sd, 5, "user-bob", InstanceState.Missing)];
        var page = RenderPage<AdminInstances>();

        page.Find("[data-state]").TextContent.Trim().ShouldBe("Missing");
        ButtonOf(page, "aigc/sd-webui#5", "pause").HasAttribute("disabled").ShouldBeTrue();
        ButtonOf(page, "aigc/sd-webui#5", "uninstall").HasAttribute("disabled").ShouldBeTrue();
        ButtonOf(page, "aigc/sd-webui#5", "remove-record").Click();
        page.WaitForElement(".mud-dialog").TextContent.ShouldContain("does not exist in the cluster; only its record is left");
        Answer(page, "Remove the record");

        page.WaitForAssertion(() => Migration.Calls.ShouldBe(["remove aigc/sd-webui#5 by Ada (admin-1)"]));
        page.WaitForAssertion(() => page.Find("[data-admin-message]").TextContent.ShouldContain("The record was removed."));
    }

    [Fact]
    public void Each_instance_links_to_its_entries_in_the_audit_log_instead_of_a_recent_list()
    {
        var page = RenderPage<AdminInstances>();

        page.FindAll("[data-section='audit'], [data-audit]").ShouldBeEmpty();
        page.Find("a[data-action='audit-log']").GetAttribute("href").ShouldBe("/admin/audit");
        var instance = Admin.Instances[0].Ref;
        page.Find($"td[data-instance='{instance}'] a[data-action='audit']").GetAttribute("href")
            .ShouldBe($"/admin/audit?template=aigc%2Fsd-webui&instance={instance.Id}");
    }

    [Fact]
    public void Logto_ids_are_shown_with_a_hint_when_names_cannot_be_read()
    {
        Admin.UserNamesProblem = "Logto answered 403 auth.forbidden";

        var page = RenderPage<AdminInstances>();

        page.WaitForAssertion(() => page.Find("[data-names-problem]").TextContent.ShouldContain("Logto user ids are shown"));
        Users(page).ShouldBe(["user-alice", "user-bob", "user-bob"]);
    }
}
