using AigcGateway.Core.Instances;
using AngleSharp.Dom;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

/// <summary>The idle warning on a running instance's card: when it shows, the countdown and the tab's title, Keep running.</summary>
public sealed class IdleBannerTests : DashboardContext
{
    private static readonly DateTimeOffset HalfPastSix = DashboardData.Now.AddMinutes(30);

    private IRenderedComponent<IdleHost> Show(params Instance[] instances)
    {
        UseService(DashboardData.Ready(instances));
        return Render<IdleHost>();
    }

    private static IReadOnlyList<IElement> Banners(IRenderedComponent<IdleHost> host) => host.FindAll("[data-idle-warning]");

    private static string Countdown(IRenderedComponent<IdleHost> host) => host.Find(".idle-countdown").TextContent.Trim();

    private static string Title(IRenderedComponent<IdleHost> host) => host.Find("title").TextContent;

    private static IReadOnlyList<IElement> OpenMenu(IRenderedComponent<IdleHost> host)
    {
        host.Find("[data-template='aigc/sd-webui'] .idle-keep-running button").Click();
        return host.WaitForElements("[data-keep-running]");
    }

    [Fact]
    public void Before_the_ten_minute_window_nothing_warns_and_the_banner_appears_when_it_opens()
    {
        var host = Show(IdleData.Running(HalfPastSix));
        Banners(host).ShouldBeEmpty();
        Title(host).ShouldBe(IdleHost.BaseTitle);

        Time.Advance(TimeSpan.FromMinutes(19));
        host.Render();
        Banners(host).ShouldBeEmpty("the window opens at 06:20");

        Time.Advance(TimeSpan.FromMinutes(1));

        host.WaitForAssertion(() => Banners(host).ShouldHaveSingleItem().TextContent.ShouldContain("Pauses at 06:30 unless used"));
        Countdown(host).ShouldBe("10:00");
    }

    [Fact]
    public void The_countdown_and_the_tab_title_tick_every_second_inside_the_window()
    {
        var host = Show(IdleData.Running(DashboardData.Now.AddMinutes(9).AddSeconds(58)));
        Countdown(host).ShouldBe("9:58");
        Title(host).ShouldBe("⏸ 9:58 · AIGC Gateway");

        Time.Advance(TimeSpan.FromSeconds(1));
        host.WaitForAssertion(() => Countdown(host).ShouldBe("9:57"));
        Title(host).ShouldBe("⏸ 9:57 · AIGC Gateway");
    }

    [Fact]
    public void A_due_instance_shows_zero_until_it_is_paused_never_a_negative_time()
    {
        var host = Show(IdleData.Running(DashboardData.Now.AddSeconds(-30)));

        Countdown(host).ShouldBe("0:00");
    }

    [Fact]
    public void Screen_readers_hear_the_minutes_left_not_every_second()
    {
        var host = Show(IdleData.Running(DashboardData.Now.AddMinutes(9).AddSeconds(58)));
        var timer = host.Find(".idle-countdown");
        timer.GetAttribute("role").ShouldBe("timer");
        timer.GetAttribute("aria-live").ShouldBe("off");
        host.Find(".idle-announcement").GetAttribute("aria-live").ShouldBe("polite");
        host.Find(".idle-announcement").TextContent.ShouldBe("This instance pauses in 10 min unless it is used.");

        Time.Advance(TimeSpan.FromSeconds(30));

        host.WaitForAssertion(() => Countdown(host).ShouldBe("9:28"));
        host.Find(".idle-announcement").TextContent.ShouldBe("This instance pauses in 10 min unless it is used.");
    }

    [Fact]
    public void A_template_without_an_idle_timeout_never_warns()
    {
        var host = Show(IdleData.NotGoverned);

        Time.Advance(TimeSpan.FromDays(1));
        host.Render();

        Banners(host).ShouldBeEmpty();
        Title(host).ShouldBe(IdleHost.BaseTitle);
    }

    [Fact]
    public void Keep_running_offers_whole_hours_up_to_the_templates_maximum()
    {
        var host = Show(IdleData.Running(DashboardData.Now.AddMinutes(5), maxKeepRunning: TimeSpan.FromHours(3)));

        var choices = OpenMenu(host);

        choices.Select(c => c.TextContent.Trim()).ShouldBe(["For 1 h", "For 2 h", "For 3 h"]);
        choices[1].GetAttribute("aria-label").ShouldBe("Keep Stable Diffusion running for 2 h");
        host.Find("[data-template='aigc/sd-webui'] .idle-keep-running button").GetAttribute("aria-label")
            .ShouldBe("Keep Stable Diffusion running: choose for how long");
    }

    [Fact]
    public void Choosing_a_duration_keeps_it_running_with_progress_and_the_banner_goes_when_the_pause_moves()
    {
        var host = Show(IdleData.Running(DashboardData.Now.AddMinutes(5)));

        OpenMenu(host).First(c => c.TextContent.Contains("For 2 h", StringComparison.Ordinal)).Click();

        var operation = WaitForOperation(host, "keep-running 2h");
        operation.Instance.ShouldBe(DashboardData.RunningStableDiffusion.Ref);
        operation.UserId.ShouldBe(DashboardData.User);
        host.WaitForAssertion(() => host.Find("[data-template='aigc/sd-webui'] [aria-busy]").GetAttribute("aria-busy").ShouldBe("true"));
        operation.Succeed();
        var kept = DashboardData.Now.AddHours(2);
        Service.Push(DashboardData.Ready(IdleData.Running(kept, keptUntil: kept)));

        host.WaitForAssertion(() => Banners(host).ShouldBeEmpty());
        Title(host).ShouldBe(IdleHost.BaseTitle);
        host.Find(".instance-kept-running").TextContent.ShouldBe("until 08:00");
        host.FindAll("[data-error]").ShouldBeEmpty();
    }

    [Fact]
    public void A_refused_keep_running_says_why_and_what_to_do()
    {
        var host = Show(IdleData.Running(DashboardData.Now.AddMinutes(5)));
        OpenMenu(host)[0].Click();

        WaitForOperation(host, "keep-running 1h").Fail(OperationError.KeepRunningTooLong);

        var expected = OperationErrorText.Describe(OperationError.KeepRunningTooLong, System.Globalization.CultureInfo.CurrentUICulture);
        expected.ShouldNotBeNullOrWhiteSpace();
        host.WaitForElement("[data-template='aigc/sd-webui'] [data-error]").TextContent.Trim().ShouldBe(expected);
        Banners(host).ShouldHaveSingleItem("the instance still pauses unless used");
    }
}
