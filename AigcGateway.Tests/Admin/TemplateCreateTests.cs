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

    [Theory]
    [InlineData("metadata: 5\nspec: {}\n", "metadata must be a mapping")]
    [InlineData("metadata: {name: sd, namespace: aigc}\nspec: []\n", "spec must be a mapping")]
    [InlineData("metadata: {name: [1]}\nspec: {}\n", "metadata.name must be text")]
    [InlineData("metadata: {name: sd, namespace: aigc}\nspec: {replicas: \"x\"}\n", "spec.replicas must be a whole number")]
    public void In_the_yaml_mode_a_field_of_the_wrong_type_is_named_and_the_page_keeps_working(string body, string message)
    {
        const string head = "apiVersion: game.kruise.io/v1alpha1\nkind: GameServerSet\n";
        var page = RenderPage<TemplateCreate>();
        Button(page, "to-yaml").Click();

        page.Find("textarea[data-field='yaml']").Change(head + body);
        Button(page, "check-yaml").Click();

        page.WaitForAssertion(() => page.Find("[data-yaml-shape]").TextContent.ShouldContain(message));
        page.FindAll("[data-action='create']").ShouldBeEmpty();

        page.Find("textarea[data-field='yaml']").Change(head + "metadata: {name: sd, namespace: aigc}\nspec: {replicas: 0}\n");
        Button(page, "check-yaml").Click();
        page.WaitForAssertion(() => page.FindAll("[data-yaml-shape]").ShouldBeEmpty());
        page.WaitForElement("[data-action='create']");
    }

    /// <summary>A conforming template whose environment list makes it about <paramref name="kib"/> KiB.</summary>
    internal static string LargeTemplate(int kib)
    {
        var yaml = new System.Text.StringBuilder("""
            apiVersion: game.kruise.io/v1alpha1
            kind: GameServerSet
            metadata:
              name: big
              namespace: aigc
            spec:
              replicas: 0
              scaleStrategy:
                scaleDownStrategyType: ReserveIds
              gameServerTemplate:
                spec:
                  containers:
                  - name: app
                    image: registry.aigc.test/big:1
                    env:

            """);
        for (var i = 0; yaml.Length < kib * 1024; i++)
        {
            yaml.Append("        - name: SETTING_").Append(i).Append("\n          value: \"a reasonably long configuration value for entry ").Append(i).Append("\"\n");
        }

        return yaml.ToString();
    }

    private static string EditorText(IRenderedComponent<AdminHost> page)
    {
        var editor = page.Find("textarea[data-field='yaml']");
        return editor.GetAttribute("value") ?? editor.TextContent;
    }

    [Fact]
    public void A_large_template_loaded_from_a_file_fills_the_editor_and_is_reviewed()
    {
        var yaml = LargeTemplate(100);
        var page = RenderPage<TemplateCreate>();
        Button(page, "to-yaml").Click();

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText(yaml, "big.yaml"));

        page.WaitForAssertion(() => EditorText(page).ShouldBe(yaml));
        Button(page, "check-yaml").Click();
        page.WaitForElement("[data-action='create']");
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_naming_the_limit_and_the_editor_keeps_its_text()
    {
        var page = RenderPage<TemplateCreate>();
        Button(page, "to-yaml").Click();
        page.Find("textarea[data-field='yaml']").Change("metadata: {name: mine}\n");

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText(LargeTemplate(600), "huge.yaml"));

        page.WaitForAssertion(() => page.Find("[data-yaml-load-error]").TextContent.ShouldContain("512 KiB"));
        page.Find("[data-yaml-load-error]").TextContent.ShouldContain("huge.yaml");
        EditorText(page).ShouldBe("metadata: {name: mine}\n");
    }

    [Fact]
    public void Text_over_the_limit_is_refused_naming_the_limit_and_stays_in_the_editor()
    {
        var yaml = LargeTemplate(600);
        var page = RenderPage<TemplateCreate>();
        Button(page, "to-yaml").Click();

        page.Find("textarea[data-field='yaml']").Change(yaml);
        Button(page, "check-yaml").Click();

        page.WaitForAssertion(() => page.Find("[data-yaml-problem]").TextContent.ShouldContain("at most 512 KiB"));
        EditorText(page).ShouldBe(yaml);
    }

    [Fact]
    public void The_editor_takes_one_character_more_than_the_limit_so_a_cut_paste_is_refused_rather_than_read()
    {
        var page = RenderPage<TemplateCreate>();
        Button(page, "to-yaml").Click();

        page.Find("textarea[data-field='yaml']").GetAttribute("maxlength").ShouldBe((ManifestYaml.MaxBytes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
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
