using System.Globalization;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

/// <summary>The dashboard says so when the gateway cannot reach the cluster, and keeps showing the last known state.</summary>
public sealed class ClusterStatusTests : DashboardContext
{
    [Fact]
    public void While_the_cluster_cannot_be_reached_a_notice_says_so_and_the_instances_stay_listed()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion) with { ClusterUnreachableSince = DashboardData.Now.AddMinutes(-3) });

        var notice = host.Find("[data-cluster='unreachable']");
        notice.TextContent.ShouldContain("Cluster unreachable");
        notice.TextContent.ShouldContain("lost contact with Kubernetes 3 min ago");
        notice.TextContent.ShouldContain("tell your administrator");
        Card(host, DashboardData.StableDiffusionRef).QuerySelector("[data-state]")!.GetAttribute("data-state").ShouldBe("Running");
    }

    [Fact]
    public void The_notice_goes_away_when_the_gateway_reaches_the_cluster_again()
    {
        var host = Start(DashboardData.Ready() with { ClusterUnreachableSince = DashboardData.Now });

        Service.Push(DashboardData.Ready());

        host.WaitForAssertion(() => host.FindAll("[data-cluster='unreachable']").ShouldBeEmpty());
    }

    [Fact]
    public void The_notice_appears_without_a_reload_when_the_connection_is_lost()
    {
        var host = Start(DashboardData.Ready());
        host.FindAll("[data-cluster='unreachable']").ShouldBeEmpty();

        Service.Push(DashboardData.Ready() with { ClusterUnreachableSince = DashboardData.Now });

        host.WaitForAssertion(() => host.Find("[data-cluster='unreachable']").TextContent.ShouldContain("just now"));
    }

    [Fact]
    public void In_chinese_the_notice_is_chinese()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        CultureInfo.CurrentCulture = new CultureInfo("zh-CN");

        var host = Start(DashboardData.Ready() with { ClusterUnreachableSince = DashboardData.Now.AddMinutes(-3) });

        var notice = host.Find("[data-cluster='unreachable']").TextContent;
        notice.ShouldContain("无法连接集群");
        notice.ShouldContain("3 分钟前");
        notice.ShouldContain("请联系管理员");
    }
}
