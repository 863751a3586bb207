using System.Globalization;
using AigcGateway.Core.Instances;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

/// <summary>The owner's view of a record without an instance: what happened, what to do, and Remove as the only action.</summary>
public sealed class MissingInstanceTests : DashboardContext
{
    private static Instance Missing => DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Missing, id: 5);

    [Fact]
    public void A_missing_instance_says_what_happened_and_offers_only_remove()
    {
        var host = Start(DashboardData.Ready(Missing));

        var card = Card(host, DashboardData.StableDiffusionRef);
        card.QuerySelector("[data-state-chip]")!.TextContent.Trim().ShouldBe("Missing");
        card.QuerySelector("[data-diagnostic='Missing']")!.TextContent.ShouldContain("does not exist in the cluster");
        card.QuerySelector("[data-diagnostic='Missing']")!.TextContent.ShouldContain("Remove the record");
        card.QuerySelectorAll("[data-action]").Select(b => b.GetAttribute("data-action")).ShouldBe(["remove"]);
        card.QuerySelector("[data-action='remove']")!.GetAttribute("aria-label").ShouldBe("Remove the record of Stable Diffusion");
    }

    [Fact]
    public void Remove_asks_first_and_then_removes_only_the_record()
    {
        var host = Start(DashboardData.Ready(Missing));
        Button(host, DashboardData.StableDiffusionRef, "remove").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("Remove the record of Stable Diffusion?");
        dialog.TextContent.ShouldContain("No instance, volume or file is touched");
        Service.Operations.ShouldBeEmpty();
        host.Find(".mud-dialog [data-action='confirm']").Click();

        var operation = WaitForOperation(host, "remove");
        operation.Instance.ShouldBe(Missing.Ref);
        operation.UserId.ShouldBe(DashboardData.User);
    }

    [Fact]
    public void The_missing_state_is_explained_in_chinese_too()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var host = Start(DashboardData.Ready(Missing));

        var card = Card(host, DashboardData.StableDiffusionRef);
        card.QuerySelector("[data-state-chip]")!.TextContent.Trim().ShouldBe("不存在");
        card.QuerySelector("[data-diagnostic='Missing']")!.TextContent.ShouldContain("请移除该记录");
    }
}
