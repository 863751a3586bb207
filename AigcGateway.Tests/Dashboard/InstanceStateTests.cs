using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

public sealed class InstanceStateTests : DashboardContext
{
    private static IEnumerable<string?> Actions(IRenderedComponent<DashboardHost> host) =>
        Card(host, DashboardData.StableDiffusionRef).QuerySelectorAll(".template-card-actions [data-action]").Select(b => b.GetAttribute("data-action"));

    [Theory]
    [InlineData(InstanceState.Installing, "Installing", new[] { "pause", "uninstall" })]
    [InlineData(InstanceState.Starting, "Starting", new[] { "pause", "restart", "uninstall" })]
    [InlineData(InstanceState.Pausing, "Pausing", new string[0])]
    [InlineData(InstanceState.Paused, "Paused", new[] { "recover", "uninstall" })]
    [InlineData(InstanceState.Recovering, "Recovering", new[] { "pause", "uninstall" })]
    [InlineData(InstanceState.Restarting, "Restarting", new[] { "uninstall" })]
    [InlineData(InstanceState.Uninstalling, "Uninstalling", new string[0])]
    [InlineData(InstanceState.Failed, "Needs attention", new[] { "restart", "pause", "uninstall" })]
    public void Each_state_shows_its_chip_hook_and_the_actions_it_allows(InstanceState state, string chip, string[] actions)
    {
        var host = Start(DashboardData.Ready(DashboardData.Instance(DashboardData.StableDiffusionRef, state)));

        var card = Card(host, DashboardData.StableDiffusionRef);
        card.QuerySelector(".instance-area")!.GetAttribute("data-state").ShouldBe(state.ToString());
        card.QuerySelector(".instance-state")!.TextContent.Trim().ShouldBe(chip);
        Actions(host).ShouldBe(actions);
    }

    [Fact]
    public void A_running_instance_shows_its_address_times_and_visit_pause_restart_uninstall()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));

        var card = Card(host, DashboardData.StableDiffusionRef);
        card.QuerySelector("[data-state]")!.GetAttribute("data-state").ShouldBe("Running");
        card.QuerySelector("[data-state]")!.GetAttribute("data-instance").ShouldBe("aigc/sd-webui#3");
        card.QuerySelector(".instance-url")!.TextContent.ShouldBe("sd3.aigc.test");
        card.QuerySelector(".instance-created")!.TextContent.ShouldBe("2 h ago");
        card.QuerySelector(".instance-created")!.GetAttribute("datetime").ShouldBe("2026-11-26T04:00:00Z");
        card.QuerySelector(".instance-last-active")!.TextContent.ShouldBe("10 min ago");
        Actions(host).ShouldBe(["visit", "pause", "restart", "uninstall"]);
    }

    [Fact]
    public void Visit_is_a_link_to_the_instance_that_opens_a_new_tab_without_an_opener()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));

        var visit = Button(host, DashboardData.StableDiffusionRef, "visit");

        visit.TagName.ShouldBe("A");
        visit.GetAttribute("href").ShouldBe("https://sd3.aigc.test/");
        visit.GetAttribute("target").ShouldBe("_blank");
        visit.GetAttribute("rel")!.ShouldContain("noopener");
    }

    [Fact]
    public void A_running_instance_without_an_address_yet_offers_no_visit()
    {
        var host = Start(DashboardData.Ready(DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Running)));

        Actions(host).ShouldNotContain("visit");
    }

    [Fact]
    public void An_instance_never_visited_says_so()
    {
        var host = Start(DashboardData.Ready(DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Paused)));

        Card(host, DashboardData.StableDiffusionRef).QuerySelector(".instance-last-active")!.TextContent.ShouldBe("Not used yet");
    }

    [Fact]
    public void Transitional_states_show_a_progress_bar()
    {
        var host = Start(DashboardData.Ready(DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Pausing)));

        Card(host, DashboardData.StableDiffusionRef).QuerySelector(".instance-progress").ShouldNotBeNull();
    }

    [Fact]
    public void A_failed_instance_shows_the_plain_reason_and_next_step_as_an_error()
    {
        var failed = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Failed, new InstanceDiagnostic(DiagnosticReason.Crashing, ExitCode: 137));
        var host = Start(DashboardData.Ready(failed));

        var diagnostic = Card(host, DashboardData.StableDiffusionRef).QuerySelector("[data-diagnostic]")!;
        diagnostic.GetAttribute("data-diagnostic").ShouldBe("Crashing");
        diagnostic.ClassList.ShouldContain("mud-alert-text-error");
        diagnostic.TextContent.ShouldContain("The application keeps crashing (last exit code 137).");
        diagnostic.TextContent.ShouldContain("Try Restart; if it crashes again, ask your administrator and mention the exit code.");
    }

    [Fact]
    public void A_failed_operation_offers_recover_and_another_uninstall()
    {
        var failed = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Failed, new InstanceDiagnostic(DiagnosticReason.OperationFailed));
        var host = Start(DashboardData.Ready(failed));

        Actions(host).ShouldBe(["recover", "uninstall"]);
        Card(host, DashboardData.StableDiffusionRef).QuerySelector(".startup-timeline").ShouldBeNull();
    }
}
