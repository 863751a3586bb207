using System.Globalization;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Templates;
using AigcGateway.Web.Components.Admin;
using Bunit;

namespace AigcGateway.Tests.Admin;

/// <summary>A field Kubernetes refused is shown by name (the server's words, verbatim) next to a localised explanation.</summary>
public sealed class UnknownFieldMessageTests : AdminContext
{
    private const string Refusal = "GameServerSet in version \"v1alpha1\" cannot be handled as a GameServerSet: strict decoding error: unknown field \"spec.foo\"";

    private const string Manifest = """
        apiVersion: game.kruise.io/v1alpha1
        kind: GameServerSet
        metadata:
          name: sd-webui
          namespace: aigc
        spec:
          replicas: 0
          gameServerTemplate:
            spec:
              containers:
              - name: app
                image: sd:1.0
        """;

    private static void CreateFromYaml(IRenderedComponent<AdminHost> page)
    {
        page.Find("input[data-field='DisplayName']").Change("Stable Diffusion XL");
        page.Find("input[data-field='Name']").Change("sdxl");
        page.Find("input[data-field='Image']").Change("registry.aigc.test/sdxl:1.0");
        page.Find("input[data-field='HostPattern']").Change("sdxl-<id>.aigc.test");
        page.Find("[data-action='to-yaml']").Click();
        page.Find("[data-action='check-yaml']").Click();
        page.WaitForElement("[data-action='create']").Click();
    }

    [Fact]
    public void Creating_shows_the_refused_field_verbatim_with_an_explanation()
    {
        Admin.WriteResult = TemplateWriteResult.Fail(TemplateWriteError.UnknownField, Refusal);
        var page = RenderPage<TemplateCreate>();

        CreateFromYaml(page);

        page.WaitForAssertion(() =>
        {
            var error = page.Find("[data-create-error]").TextContent;
            error.ShouldContain("does not know a field");
            error.ShouldContain("nothing was saved");
            error.ShouldContain(Refusal);
        });
    }

    [Fact]
    public void Saving_an_edit_shows_the_refused_field_verbatim_with_an_explanation()
    {
        ManifestYaml.TryRead(Manifest, out var manifest, out _).ShouldBeTrue();
        Admin.Basis = new TemplateEditBasis(new TemplateRef("aigc", "sd-webui"), manifest!, "41");
        Admin.UpdateResults.Enqueue(TemplateWriteResult.Fail(TemplateWriteError.UnknownField, Refusal));
        var page = RenderPage<TemplateEdit>(p => p.Add(e => e.Namespace, "aigc").Add(e => e.Name, "sd-webui"));
        page.WaitForElement("[data-loaded='true']");
        var editor = page.Find("textarea[data-field='yaml']");
        editor.Change((editor.GetAttribute("value") ?? editor.TextContent).Replace("replicas: 0", "replicas: 0\n  foo: 1", StringComparison.Ordinal));
        page.Find("[data-action='check-yaml']").Click();

        page.WaitForElement("[data-action='save']").Click();

        page.WaitForAssertion(() =>
        {
            var error = page.Find("[data-edit='error']").TextContent;
            error.ShouldContain("does not know a field");
            error.ShouldContain(Refusal);
        });
    }

    [Fact]
    public void In_chinese_the_explanation_is_chinese_and_the_servers_words_stay_as_they_are()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        Admin.WriteResult = TemplateWriteResult.Fail(TemplateWriteError.UnknownField, Refusal);
        var page = RenderPage<TemplateCreate>();

        CreateFromYaml(page);

        page.WaitForAssertion(() =>
        {
            var error = page.Find("[data-create-error]").TextContent;
            error.ShouldContain("不认识");
            error.ShouldContain(Refusal);
        });
    }
}
