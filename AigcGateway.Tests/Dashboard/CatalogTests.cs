using AigcGateway.Web.Components.Dashboard;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

public sealed class CatalogTests : DashboardContext
{
    [Fact]
    public void Every_template_gets_a_card_with_its_name_description_and_hook()
    {
        var host = Start(DashboardData.Ready());

        host.FindAll("[data-template]").Select(c => c.GetAttribute("data-template"))
            .ShouldBe(["aigc/comfyui", "aigc/broken", "aigc/sd-webui", "aigc/sd-cpu"]);
        var card = Card(host, DashboardData.StableDiffusionRef);
        card.QuerySelector("h3")!.TextContent.ShouldBe("Stable Diffusion");
        card.TextContent.ShouldContain("Stable Diffusion WebUI on a dedicated GPU.");
    }

    [Fact]
    public void A_dedicated_gpu_template_shows_gpu_count_and_type_cpu_memory_and_data_volume()
    {
        var host = Start(DashboardData.Ready());

        var badges = Card(host, DashboardData.StableDiffusionRef).QuerySelectorAll(".resource-badge").Select(b => b.TextContent.Trim());

        badges.ShouldBe(["1 × NVIDIA A10", "4 CPU", "16 GiB memory", "50 GiB data volume"]);
    }

    [Fact]
    public void A_shared_gpu_template_shows_its_gpu_memory_and_fractional_cpu()
    {
        var host = Start(DashboardData.Ready());

        var badges = Card(host, DashboardData.ComfyRef).QuerySelectorAll(".resource-badge").Select(b => b.TextContent.Trim());

        badges.ShouldBe(["Shared GPU, 8 GiB", "0.5 CPU", "8 GiB memory", "20 GiB data volume"]);
    }

    [Fact]
    public void A_material_icon_name_renders_that_icon_and_an_image_url_renders_an_image()
    {
        var host = Start(DashboardData.Ready());

        Card(host, DashboardData.StableDiffusionRef).QuerySelector(".template-icon svg")!.InnerHtml
            .ShouldContain(MudBlazor.Icons.Material.Filled.Palette[..40]);
        Card(host, DashboardData.ComfyRef).QuerySelector("img.template-icon-image")!.GetAttribute("src")
            .ShouldBe("https://images.aigc.test/comfy.png");
    }

    [Theory]
    [InlineData("/sign-out")]
    [InlineData("http://localhost/sign-out")]
    [InlineData("https://localhost:8443/sign-out?x=.png")]
    public void An_icon_pointing_at_the_dashboard_renders_no_image_but_the_default_icon(string icon)
    {
        var hostile = DashboardData.Cpu with { Icon = icon };
        var host = Start(DashboardData.ReadyWith([hostile]));

        var card = Card(host, DashboardData.CpuRef);

        host.FindAll("img").Select(i => i.GetAttribute("src")).ShouldNotContain(src => src != null && src.Contains("sign-out", StringComparison.Ordinal));
        card.QuerySelectorAll("img").ShouldBeEmpty();
        var defaultPath = System.Text.RegularExpressions.Regex.Match(TemplateIcons.Default, "d=\"([^\"]+)\"").Groups[1].Value;
        card.QuerySelector(".template-icon svg path")!.GetAttribute("d").ShouldBe(defaultPath);
    }

    [Fact]
    public void A_template_that_is_not_installable_shows_not_available_with_its_reasons_and_no_install_button()
    {
        var host = Start(DashboardData.Ready());

        var card = Card(host, DashboardData.BrokenRef);
        card.GetAttribute("data-installable").ShouldBe("false");
        card.QuerySelector("[data-unavailable]")!.TextContent.ShouldContain("Not available");
        card.QuerySelectorAll(".template-unavailable-reasons li").Select(li => li.TextContent).ShouldBe(
        [
            "The template has no data volume, so your files would be lost when the instance is paused. An administrator must add one.",
            "Its instances could not be protected by your sign-in (the template does not use an ingress). An administrator must fix it.",
        ]);
        HasButton(host, DashboardData.BrokenRef, "install").ShouldBeFalse();
    }

    [Fact]
    public void An_installable_template_without_an_instance_offers_only_install()
    {
        var host = Start(DashboardData.Ready());

        Card(host, DashboardData.CpuRef).QuerySelector("[data-state]")!.GetAttribute("data-state").ShouldBe("NotInstalled");
        Card(host, DashboardData.CpuRef).QuerySelectorAll("[data-action]").Select(b => b.GetAttribute("data-action")).ShouldBe(["install"]);
    }

    [Fact]
    public void Without_instances_the_my_instances_section_invites_to_pick_a_template()
    {
        var host = Start(DashboardData.Ready());

        host.Find("[data-empty='mine']").TextContent.ShouldContain("You have no instances yet. Pick a template below and install it.");
    }

    [Fact]
    public void An_empty_catalog_says_to_ask_the_administrator()
    {
        var host = Start(DashboardData.ReadyWith([]));

        host.Find("[data-empty='catalog']").TextContent.ShouldContain("No templates are published yet. Ask your administrator to add one.");
        host.FindAll("[data-template]").ShouldBeEmpty();
    }

    [Fact]
    public void A_template_with_an_instance_moves_to_my_instances()
    {
        var host = Start(DashboardData.Ready(DashboardData.RunningStableDiffusion));

        host.Find(".dashboard-mine").QuerySelectorAll("[data-template]").Select(c => c.GetAttribute("data-template")).ShouldBe(["aigc/sd-webui"]);
        host.Find(".dashboard-catalog").QuerySelector("[data-template='aigc/sd-webui']").ShouldBeNull();
    }

    [Fact]
    public void When_the_user_has_every_template_the_catalog_says_so()
    {
        var host = Start(DashboardData.ReadyWith([DashboardData.StableDiffusion], DashboardData.RunningStableDiffusion));

        host.Find("[data-empty='catalog']").TextContent.ShouldContain("You have an instance of every template.");
    }
}
