using System.Globalization;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Dashboard;

/// <summary>The card of an instance the gateway paused because it was idle.</summary>
public sealed class AutoPausedCardTests : DashboardContext
{
    [Fact]
    public void The_paused_card_says_when_and_after_how_long_unused_and_that_the_files_are_kept()
    {
        var host = Start(DashboardData.Ready(IdleData.PausedWhenIdle));

        var card = Card(host, DashboardData.StableDiffusionRef);
        card.QuerySelector("[data-auto-pause='idle'] .instance-auto-pause-text")!.TextContent
            .ShouldBe("Paused at 05:40 after 2 h unused. Your files are kept.");
        HasButton(host, DashboardData.StableDiffusionRef, "recover").ShouldBeTrue();
        card.QuerySelector("time.instance-last-active")!.GetAttribute("datetime").ShouldBe("2026-11-26T03:40:00Z", "its last activity, kept by the record");
    }

    [Fact]
    public void In_chinese_too()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-Hans");

        var host = Start(DashboardData.Ready(IdleData.PausedWhenIdle));

        Card(host, DashboardData.StableDiffusionRef).QuerySelector(".instance-auto-pause-text")!.TextContent
            .ShouldBe("因连续 2 小时未使用，已于 05:40 暂停。您的文件均已保留。");
    }

    [Fact]
    public void A_pause_by_a_person_has_no_idle_explanation()
    {
        var host = Start(DashboardData.Ready(DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Paused)));

        Card(host, DashboardData.StableDiffusionRef).QuerySelector("[data-auto-pause]").ShouldBeNull();
    }
}
