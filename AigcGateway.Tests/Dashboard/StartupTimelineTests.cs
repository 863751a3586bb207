using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

public sealed class StartupTimelineTests : DashboardContext
{
    private static Dictionary<string, string> Steps(IRenderedComponent<DashboardHost> host) =>
        Card(host, DashboardData.StableDiffusionRef).QuerySelectorAll(".startup-step")
            .ToDictionary(s => s.GetAttribute("data-step")!, s => s.GetAttribute("data-status")!);

    [Fact]
    public void An_installing_instance_waits_to_be_placed_on_a_server()
    {
        var host = Start(DashboardData.Ready(DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Installing)));

        Steps(host).ShouldBe(new Dictionary<string, string>
        {
            ["Scheduled"] = "active",
            ["ImagePulling"] = "todo",
            ["ContainerStarted"] = "todo",
            ["Ready"] = "todo",
            ["NetworkReady"] = "todo",
        });
        host.Find("[data-step='Scheduled']").GetAttribute("aria-current").ShouldBe("step");
    }

    [Fact]
    public void No_free_gpu_is_shown_stuck_at_scheduling_with_the_plain_reason()
    {
        var waiting = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Starting, new InstanceDiagnostic(DiagnosticReason.NoFreeGpu));
        var host = Start(DashboardData.Ready(waiting));

        Steps(host)["Scheduled"].ShouldBe("stuck");
        var diagnostic = Card(host, DashboardData.StableDiffusionRef).QuerySelector("[data-diagnostic='NoFreeGpu']")!;
        diagnostic.TextContent.ShouldContain("No free GPU of this kind: every GPU that fits this template is in use.");
        diagnostic.ClassList.ShouldContain("mud-alert-text-warning");
    }

    [Fact]
    public void A_network_not_ready_instance_has_everything_done_but_the_address()
    {
        var waiting = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Starting, new InstanceDiagnostic(DiagnosticReason.NetworkNotReady));
        var host = Start(DashboardData.Ready(waiting));

        Steps(host).Values.ShouldBe(["done", "done", "done", "done", "active"]);
    }

    [Fact]
    public void The_elapsed_time_counts_from_creation_and_keeps_counting()
    {
        var starting = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Starting, created: DashboardData.Now.AddSeconds(-83));
        var host = Start(DashboardData.Ready(starting));
        host.Find(".startup-elapsed").TextContent.Trim().ShouldBe("Starting for 1 min 23 s");

        Time.Advance(TimeSpan.FromSeconds(2));

        host.WaitForAssertion(() => host.Find(".startup-elapsed").TextContent.Trim().ShouldBe("Starting for 1 min 25 s"));
    }

    [Fact]
    public void A_restart_counts_from_when_it_was_seen_not_from_the_old_creation_time()
    {
        var restarting = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Restarting, created: DashboardData.Now.AddDays(-2));
        var host = Start(DashboardData.Ready(restarting));

        Time.Advance(TimeSpan.FromSeconds(5));

        host.WaitForAssertion(() => host.Find(".startup-elapsed").TextContent.Trim().ShouldBe("Starting for 5 s"));
    }

    [Fact]
    public void A_running_instance_has_no_timeline()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));

        Card(host, DashboardData.StableDiffusionRef).QuerySelector(".startup-timeline").ShouldBeNull();
    }

    [Fact]
    public void A_running_pod_waiting_for_readiness_shows_the_image_and_start_steps_done()
    {
        var instance = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Starting) with
        {
            Startup = new StartupFacts(Scheduled: true, ContainerStarted: true, Ready: false, NetworkReady: false),
        };

        var host = Start(DashboardData.Ready(instance));

        Steps(host).ShouldBe(new Dictionary<string, string>
        {
            ["Scheduled"] = "done",
            ["ImagePulling"] = "done",
            ["ContainerStarted"] = "done",
            ["Ready"] = "active",
            ["NetworkReady"] = "todo",
        });
    }
}
