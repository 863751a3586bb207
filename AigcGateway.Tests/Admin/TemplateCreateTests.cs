using AigcGateway.Core.Administration;
using AigcGateway.Web.Components.Admin;
using AngleSharp.Dom;
using Bunit;

namespace AigcGateway.Tests.Admin;

public sealed class TemplateCreateTests : AdminContext
{
    private static void Type(IRenderedComponent<AdminHost> page, string field, string value) =>
        page.Find($"input[data-field='{field}'], textarea[data-field='{field}']").Change(value);

    private static void FillValidForm(IRenderedComponent<AdminHost> page)
    {
        Type(page, "DisplayName", "Stable Diffusion XL");
        Type(page, "Name", "sdxl");
        Type(page, "Image", "registry.aigc.test/sdxl:1.0");
        Type(page, "HostPattern", "sdxl-<id>.aigc.test");
    }

    private static IElement Button(IRenderedComponent<AdminHost> page, string action) => page.Find($"[data-action='{action}']");

    [Fact]
    public void The_preview_shows_the_yaml_of_a_valid_form_before_anything_is_created()
    {
        var page = RenderPage<TemplateCreate>();
        FillValidForm(page);

        Button(page, "preview").Click();

        page.WaitForAssertion(() => page.Find("[data-preview='yaml']").TextContent.ShouldContain("scaleDownStrategyType: ReserveIds"));
        page.Find("[data-preview='yaml']").TextContent.ShouldContain("sdxl-<id>.aigc.test");
        Admin.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void Creating_after_the_preview_sends_the_previewed_manifest()
    {
        var page = RenderPage<TemplateCreate>();
        FillValidForm(page);
        Button(page, "preview").Click();

        page.WaitForElement("[data-action='create']").Click();

        page.WaitForAssertion(() => Admin.Calls.ShouldBe(["create Ada (admin-1) aigc/sdxl"]));
        Admin.LastManifest!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public void A_host_without_the_id_placeholder_is_refused_with_the_reason_and_nothing_is_previewed()
    {
        var page = RenderPage<TemplateCreate>();
        FillValidForm(page);
        Type(page, "HostPattern", "sdxl.aigc.test");

        Button(page, "preview").Click();

        page.WaitForAssertion(() => page.Find("[data-create-error]").TextContent.ShouldContain("<id>"));
        page.FindAll("[data-preview]").ShouldBeEmpty();
    }

    [Fact]
    public void A_host_outside_the_cookie_domain_is_refused()
    {
        var page = RenderPage<TemplateCreate>();
        FillValidForm(page);
        Type(page, "HostPattern", "sdxl-<id>.elsewhere.test");

        Button(page, "preview").Click();

        page.WaitForAssertion(() => page.Find("[data-create-error]").TextContent.ShouldContain(".aigc.test"));
    }

    [Fact]
    public void In_the_yaml_mode_a_syntax_error_is_shown_with_its_line_and_column()
    {
        var page = RenderPage<TemplateCreate>();
        Button(page, "to-yaml").Click();

        page.Find("textarea[data-field='yaml']").Change("apiVersion: game.kruise.io/v1alpha1\nkind: GameServerSet\nmetadata: {name: [x\n");
        Button(page, "check-yaml").Click();

        page.WaitForAssertion(() => page.Find("[data-yaml-problem]").TextContent.ShouldStartWith("Line "));
        page.FindAll("[data-action='create']").ShouldBeEmpty();
    }

    [Fact]
    public void In_the_yaml_mode_unknown_fields_reach_the_created_manifest()
    {
        var page = RenderPage<TemplateCreate>();
        FillValidForm(page);
        Button(page, "to-yaml").Click();
        var yaml = page.Find("textarea[data-field='yaml']").TextContent;
        if (string.IsNullOrEmpty(yaml))
        {
            yaml = page.Find("textarea[data-field='yaml']").GetAttribute("value") ?? "";
        }

        page.Find("textarea[data-field='yaml']").Change(yaml.Replace("\nspec:\n", "\nspec:\n  minReadySeconds: 7\n", StringComparison.Ordinal));
        Button(page, "check-yaml").Click();
        page.WaitForElement("[data-action='create']").Click();

        page.WaitForAssertion(() => Admin.LastManifest.ShouldNotBeNull());
        Admin.LastManifest!["spec"]!["minReadySeconds"]!.GetValue<long>().ShouldBe(7);
    }

    [Fact]
    public void A_name_that_already_exists_is_reported_plainly()
    {
        Admin.WriteResult = TemplateWriteResult.Fail(TemplateWriteError.AlreadyExists);
        var page = RenderPage<TemplateCreate>();
        FillValidForm(page);
        Button(page, "preview").Click();

        page.WaitForElement("[data-action='create']").Click();

        page.WaitForAssertion(() => page.Find("[data-create-error]").TextContent.ShouldContain("already exists"));
    }
}
