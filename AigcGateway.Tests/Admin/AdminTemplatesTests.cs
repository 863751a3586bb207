using System.Collections.Immutable;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Web.Components.Admin;
using Bunit;

namespace AigcGateway.Tests.Admin;

public sealed class AdminTemplatesTests : AdminContext
{
    public AdminTemplatesTests()
    {
        Admin.Templates =
        [
            new AdminTemplate
            {
                Template = Template(Sd, "Stable Diffusion"),
                Replicas = 2,
                Ready = 1,
                OwnerCount = 2,
                InstancesByState = ImmutableDictionary<InstanceState, int>.Empty.Add(InstanceState.Running, 1).Add(InstanceState.Starting, 1),
            },
            new AdminTemplate
            {
                Template = Template(Comfy, "ComfyUI", new TemplateNetwork("Kubernetes-HostPort", []),
                    [new ConformanceProblem(ConformanceCode.ReserveIdsRequired, ConformanceSeverity.Error, "scaleStrategy must be ReserveIds")]),
            },
        ];
        Admin.Instances = [Instance(Sd, 0, "user-alice", InstanceState.Running), Instance(Sd, 1, "user-bob", InstanceState.Starting)];
    }

    private static string Cell(IRenderedComponent<AdminHost> page, TemplateRef template, string cell) =>
        page.FindAll($"tr:has([data-template='{template}']) [data-cell='{cell}']")[0].TextContent;

    [Fact]
    public void Each_template_shows_conformance_scale_instances_owners_resources_and_protection()
    {
        var page = RenderPage<AdminTemplates>();

        page.Find($"tr:has([data-template='{Sd}']) [data-conformance]").GetAttribute("data-conformance").ShouldBe("ok");
        Cell(page, Sd, "replicas").ShouldContain("1 / 2");
        Cell(page, Sd, "instances").ShouldContain("Running: 1");
        Cell(page, Sd, "owners").Trim().ShouldBe("2");
        Cell(page, Sd, "resources").ShouldContain("16Gi");
        page.Find($"tr:has([data-template='{Sd}']) [data-protected]").GetAttribute("data-protected").ShouldBe("true");
    }

    [Fact]
    public void A_non_conforming_unprotected_template_lists_its_problems()
    {
        var page = RenderPage<AdminTemplates>();

        page.Find($"tr:has([data-template='{Comfy}']) [data-conformance]").GetAttribute("data-conformance").ShouldBe("error");
        Cell(page, Comfy, "conformance").ShouldContain("scaleStrategy must be ReserveIds");
        page.Find($"tr:has([data-template='{Comfy}']) [data-protected]").GetAttribute("data-protected").ShouldBe("false");
    }

    /// <summary>Issue #22, F3: an Ingress template whose annotations do not ask this gateway must never read "Forward auth".</summary>
    [Fact]
    public void An_ingress_template_without_the_gateways_auth_annotations_is_shown_as_not_protected()
    {
        var open = new TemplateRef("aigc", "open");
        Admin.Templates = Admin.Templates.Add(new AdminTemplate
        {
            Template = Template(open, "Open", problems: [new ConformanceProblem(ConformanceCode.AuthUrlMissing, ConformanceSeverity.Error, "nginx.ingress.kubernetes.io/auth-url: https://dashboard.example.com/auth?host=$host")]),
        });

        var page = RenderPage<AdminTemplates>();

        page.Find($"tr:has([data-template='{open}']) [data-protected]").GetAttribute("data-protected").ShouldBe("false");
        page.Find($"tr:has([data-template='{open}']) [data-conformance]").GetAttribute("data-conformance").ShouldBe("error");
        Cell(page, open, "conformance").ShouldContain("auth-url");
        Cell(page, open, "network").ShouldNotContain("Forward auth");
    }

    [Fact]
    public void A_display_warning_is_listed_in_the_administrators_language()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        Admin.Templates = [new AdminTemplate
        {
            Template = Template(Sd, "Stable Diffusion", problems: [TemplateDisplay.IconNotAccepted("/sign-out")]),
        }];

        var page = RenderPage<AdminTemplates>();

        page.Find($"tr:has([data-template='{Sd}']) [data-conformance]").GetAttribute("data-conformance").ShouldBe("warning");
        page.Find($"tr:has([data-template='{Sd}']) [data-problem='IconNotAccepted']").TextContent.ShouldContain("图标注解不是可接受的图标");
    }

    [Fact]
    public void Deleting_shows_the_affected_users_and_runs_with_the_chosen_volume_handling()
    {
        var page = RenderPage<AdminTemplates>();

        page.Find($"td[data-template='{Sd}'] [data-action='delete']").Click();
        var dialog = page.WaitForElement(".delete-template-dialog");
        page.Find("[data-impact='users']").TextContent.ShouldContain("user-bob");
        page.Find("[data-impact='instances']").TextContent.ShouldContain("2 instance(s) of 2 user(s)");
        page.Find("input[data-mode='delete']").Click();
        page.Find(".delete-template-dialog [data-action='confirm']").Click();

        page.WaitForAssertion(() => Admin.Calls.ShouldBe([$"delete Ada (admin-1) {Sd} DeleteVolumes"]));
        page.WaitForElement("[data-delete-result='ok']");
        dialog.ShouldNotBeNull();
    }

    [Fact]
    public void A_failed_deletion_says_it_can_be_resumed()
    {
        Admin.WriteResult = TemplateWriteResult.Fail(TemplateWriteError.UserDataError, "Logto is unavailable");
        var page = RenderPage<AdminTemplates>();

        page.Find($"td[data-template='{Sd}'] [data-action='delete']").Click();
        page.WaitForElement(".delete-template-dialog [data-action='confirm']").Click();

        page.WaitForAssertion(() => page.Find("[data-delete-result='failed']").TextContent.ShouldContain("resume it"));
    }

    [Fact]
    public void An_interrupted_deletion_offers_to_resume_with_the_earlier_choice()
    {
        Admin.Templates = [Admin.Templates[0] with { InterruptedDeletion = TemplateDeletionMode.DeleteVolumes }];
        var page = RenderPage<AdminTemplates>();

        page.Find($"[data-interrupted='{Sd}'] [data-action='resume-delete']").Click();
        page.WaitForElement(".delete-template-dialog [data-action='confirm']").Click();

        page.WaitForAssertion(() => Admin.Calls.ShouldBe([$"delete Ada (admin-1) {Sd} DeleteVolumes"]));
    }

    [Fact]
    public void The_page_links_to_the_audit_log_and_each_template_to_its_entries_instead_of_listing_recent_ones()
    {
        var page = RenderPage<AdminTemplates>();

        page.FindAll("[data-section='audit'], [data-audit]").ShouldBeEmpty();
        page.Find("a[data-action='audit-log']").GetAttribute("href").ShouldBe("/admin/audit");
        var link = page.Find($"tr:has([data-template='{Sd}']) a[data-action='audit']");
        link.GetAttribute("href").ShouldBe("/admin/audit?template=aigc%2Fsd-webui");
        link.GetAttribute("aria-label").ShouldBe("Audit log of this template");
    }
}
