using AigcGateway.Core.Instances;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

public sealed class LiveUpdateTests : DashboardContext
{
    [Fact]
    public void The_dashboard_subscribes_for_the_signed_in_user()
    {
        Start(DashboardData.Ready());

        Service.Subscribers.ShouldBe([DashboardData.User]);
    }

    [Fact]
    public void Until_the_gateway_has_read_the_cluster_skeletons_and_a_sentence_say_so()
    {
        var host = Start(DashboardData.NotReady);

        host.Find("[data-loading]").TextContent.ShouldContain("The gateway is reading the cluster.");
        host.FindAll(".mud-skeleton").Count.ShouldBeGreaterThan(0);
        host.Find(".dashboard").GetAttribute("data-ready").ShouldBe("false");
        host.FindAll("[data-template]").ShouldBeEmpty();
    }

    [Fact]
    public void The_catalog_appears_when_the_gateway_becomes_ready()
    {
        var host = Start(DashboardData.NotReady);

        Service.Push(DashboardData.Ready());

        host.WaitForAssertion(() => host.FindAll("[data-template]").Count.ShouldBe(4));
        host.FindAll("[data-loading]").ShouldBeEmpty();
        host.Find(".dashboard").GetAttribute("data-ready").ShouldBe("true");
    }

    [Fact]
    public void A_state_change_pushed_by_the_service_appears_without_a_reload()
    {
        var starting = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Starting);
        var host = Start(DashboardData.Ready(starting));

        Service.Push(DashboardData.Ready(DashboardData.RunningStableDiffusion));

        host.WaitForAssertion(() => Card(host, DashboardData.StableDiffusionRef).QuerySelector("[data-state]")!.GetAttribute("data-state").ShouldBe("Running"));
        Button(host, DashboardData.StableDiffusionRef, "visit").GetAttribute("href").ShouldBe("https://sd3.aigc.test/");
    }

    [Fact]
    public void An_installed_instance_moves_from_the_catalog_to_my_instances()
    {
        var host = Start(DashboardData.Ready());

        Service.Push(DashboardData.Ready(DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Installing)));

        host.WaitForAssertion(() => host.Find(".dashboard-mine [data-template='aigc/sd-webui'] [data-state]").GetAttribute("data-state").ShouldBe("Installing"));
        host.FindAll("[data-empty='mine']").ShouldBeEmpty();
    }

    [Fact]
    public async Task Removing_the_dashboard_ends_the_subscription()
    {
        Start(DashboardData.Ready());

        await DisposeComponentsAsync();

        Service.DisposedSubscriptions.ShouldBe(1);
    }

    [Fact]
    public void While_prerendering_the_dashboard_shows_skeletons_and_does_not_subscribe()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var host = Start(DashboardData.Ready());

        host.FindAll("[data-loading]").Count.ShouldBe(1);
        Service.Subscribers.ShouldBeEmpty();
    }
}
