using AigcGateway.Core.Administration;
using AigcGateway.Web.Components.Admin;
using Bunit;

namespace AigcGateway.Tests.Admin;

public sealed class TemplateEditTests : AdminContext
{
    private const string Original = """
        apiVersion: game.kruise.io/v1alpha1
        kind: GameServerSet
        metadata:
          name: sd-webui
          namespace: aigc
          annotations:
            aigc-gateway.io/display-name: Stable Diffusion
        spec:
          replicas: 2
          gameServerTemplate:
            spec:
              containers:
              - name: app
                image: sd:1.0
        """;

    public TemplateEditTests()
    {
        ManifestYaml.TryRead(Original, out var manifest, out _).ShouldBeTrue();
        Admin.Basis = new TemplateEditBasis(Sd, manifest!, "41");
    }

    private IRenderedComponent<AdminHost> Open() =>
        RenderPage<TemplateEdit>(p => p.Add(e => e.Namespace, Sd.Namespace).Add(e => e.Name, Sd.Name));

    private static void Edit(IRenderedComponent<AdminHost> page, string from, string to)
    {
        page.WaitForElement("[data-loaded='true']");
        var editor = page.Find("textarea[data-field='yaml']");
        var current = editor.GetAttribute("value") ?? editor.TextContent;
        current.ShouldContain(from);
        editor.Change(current.Replace(from, to, StringComparison.Ordinal));
        page.Find("[data-action='check-yaml']").Click();
    }

    [Fact]
    public void A_display_name_change_is_announced_as_restarting_nothing()
    {
        var page = Open();

        Edit(page, "display-name: Stable Diffusion", "display-name: Stable Diffusion 1.5");

        page.WaitForElement("[data-impact='metadata']");
        page.FindAll("[data-impact='restart']").ShouldBeEmpty();
    }

    [Fact]
    public void A_pod_template_change_warns_how_many_running_instances_restart()
    {
        var page = Open();

        Edit(page, "image: sd:1.0", "image: sd:1.1");

        page.WaitForAssertion(() => page.Find("[data-impact='restart']").TextContent.ShouldContain("2 running instance(s) will restart"));
    }

    [Theory]
    [InlineData("metadata:\n", "metadata: 5\nx:\n", "metadata must be a mapping")]
    [InlineData("spec:\n  replicas: 2\n", "spec:\n  replicas: x\n", "spec.replicas must be a whole number")]
    [InlineData("  gameServerTemplate:\n    spec:\n", "  gameServerTemplate:\n    spec: []\n    x:\n", "spec.gameServerTemplate.spec must be a mapping")]
    public void A_field_of_the_wrong_type_is_named_and_the_editor_keeps_working(string from, string to, string message)
    {
        var page = Open();

        Edit(page, from, to);

        page.WaitForAssertion(() => page.Find("[data-yaml-shape]").TextContent.ShouldContain(message));
        page.FindAll("[data-action='save']").ShouldBeEmpty();

        page.Find("[data-action='discard']").Click();
        Edit(page, "image: sd:1.0", "image: sd:1.1");
        page.WaitForAssertion(() => page.Find("[data-impact='restart']"));
        page.FindAll("[data-yaml-shape]").ShouldBeEmpty();
    }

    [Fact]
    public void Saving_carries_the_version_the_editor_was_loaded_at()
    {
        var page = Open();
        Edit(page, "image: sd:1.0", "image: sd:1.1");

        page.WaitForElement("[data-action='save']").Click();

        page.WaitForAssertion(() => Admin.Calls.ShouldContain("update Ada (admin-1) aigc/sd-webui @41"));
        page.WaitForElement("[data-edit='saved']");
    }

    [Fact]
    public void The_catalog_entry_form_saves_the_entry_alone_based_on_the_loaded_version()
    {
        var page = Open();
        page.WaitForElement("[data-loaded='true']");
        page.Find("input[data-field='edit-DisplayName']").GetAttribute("value").ShouldBe("Stable Diffusion");

        page.Find("input[data-field='edit-DisplayName']").Change("Stable Diffusion 1.5");
        page.Find("[data-action='save-display']").Click();

        page.WaitForAssertion(() => Admin.Calls.ShouldContain("catalog Ada (admin-1) aigc/sd-webui @41"));
        Admin.LastDisplay!.DisplayName.ShouldBe("Stable Diffusion 1.5");
        Admin.Calls.ShouldNotContain(c => c.StartsWith("update", StringComparison.Ordinal));
        page.WaitForElement("[data-edit='saved']");
    }

    [Theory]
    [InlineData("edit-DisplayName", "Stable Diffusion \u202Egnp.exe", "U+202E")]
    [InlineData("edit-DisplayName", "A name far too long for a catalog card, which shows eighty characters at the very most", "80 characters")]
    [InlineData("edit-Icon", "/sign-out", "/icons/")]
    [InlineData("edit-Icon", "https://dashboard.aigc.test/sign-out", "/icons/")]
    public void The_catalog_entry_form_refuses_what_the_catalog_could_not_show_and_saves_nothing(string field, string value, string message)
    {
        var page = Open();
        page.WaitForElement("[data-loaded='true']");

        page.Find($"input[data-field='{field}']").Change(value);
        page.Find("[data-action='save-display']").Click();

        page.WaitForAssertion(() => page.Find("[data-edit='error']").TextContent.ShouldContain(message));
        Admin.Calls.ShouldNotContain(c => c.StartsWith("update", StringComparison.Ordinal) || c.StartsWith("catalog", StringComparison.Ordinal));
    }

    [Fact]
    public void A_catalog_entry_someone_else_changed_meanwhile_is_reported_and_reloading_shows_theirs()
    {
        var page = Open();
        page.WaitForElement("[data-loaded='true']");
        Admin.UpdateResults.Enqueue(TemplateWriteResult.Fail(TemplateWriteError.Conflict));

        page.Find("input[data-field='edit-DisplayName']").Change("SD 1.5");
        page.Find("[data-action='save-display']").Click();

        page.WaitForElement("[data-edit='conflict']");
        page.FindAll("[data-edit='saved']").ShouldBeEmpty();
        ManifestYaml.TryRead(Original.Replace("display-name: Stable Diffusion", "display-name: Renamed by Bo", StringComparison.Ordinal), out var renamed, out _).ShouldBeTrue();
        Admin.Basis = new TemplateEditBasis(Sd, renamed!, "42");

        page.Find("[data-action='reload']").Click();

        page.WaitForAssertion(() => page.Find("input[data-field='edit-DisplayName']").GetAttribute("value").ShouldBe("Renamed by Bo"));
        page.FindAll("[data-edit='conflict']").ShouldBeEmpty();
        Admin.Calls.Count(c => c.StartsWith("catalog", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void A_concurrent_change_is_reported_and_reloading_shows_the_current_version()
    {
        Admin.WriteResult = TemplateWriteResult.Fail(TemplateWriteError.Conflict, "409");
        var page = Open();
        Edit(page, "image: sd:1.0", "image: sd:1.1");
        page.WaitForElement("[data-action='save']").Click();
        page.WaitForElement("[data-edit='conflict']");
        ManifestYaml.TryRead(Original.Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal), out var newer, out _).ShouldBeTrue();
        Admin.Basis = new TemplateEditBasis(Sd, newer!, "42");

        page.Find("[data-action='reload']").Click();

        page.WaitForAssertion(() => page.FindAll("[data-edit='conflict']").ShouldBeEmpty());
        var editor = page.Find("textarea[data-field='yaml']");
        (editor.GetAttribute("value") ?? editor.TextContent).ShouldContain("replicas: 3");
        Admin.Calls.Count(c => c.StartsWith("update", StringComparison.Ordinal)).ShouldBe(1);
    }
}
