using System.Collections.Immutable;
using System.Globalization;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using AigcGateway.Web.Components.Admin;
using AngleSharp.Dom;
using Bunit;

namespace AigcGateway.Tests.Admin;

public sealed class AdminMigrationTests : AdminContext
{
    private static readonly InstanceRef SdZero = new(Sd, 0);
    private static readonly InstanceRef SdFive = new(Sd, 5);

    public AdminMigrationTests()
    {
        Admin.Names = Admin.Names.Add("user-alice", "Alice Li").Add("user-bob", "Bob Wang").Add("user-carol", "Carol");
        Migration.Review = new MigrationReview(null,
        [
            new AdoptionConflict("user-bob", "aigc-sd-webui", SdZero, AdoptionConflictKind.IdOwnedByOtherUser, "id 0 belongs to user-alice"),
            new AdoptionConflict("user-carol", "aigc-sd-webui", SdFive, AdoptionConflictKind.Missing, "no GameServer"),
        ], [], Now.AddMinutes(-1))
        {
            Owners = new Dictionary<TemplateRef, IReadOnlyDictionary<int, string>> { [Sd] = new Dictionary<int, string> { [0] = "user-alice" } },
        };
    }

    private static IElement Row(IRenderedComponent<AdminHost> page, string claim, string action) =>
        page.Find($"td[data-claim='{claim}'] [data-action='{action}']");

    private static void Answer(IRenderedComponent<AdminHost> page, string button) =>
        page.WaitForElement(".mud-dialog").QuerySelectorAll("button").First(b => b.TextContent.Trim() == button).Click();

    [Fact]
    public void Each_claim_shows_the_user_by_name_the_instance_why_it_needs_a_decision_and_the_recorded_owner()
    {
        var page = RenderPage<AdminMigration>();

        page.WaitForAssertion(() => page.FindAll("[data-cell='user']").Select(c => c.TextContent.Trim()).ShouldBe(["Bob Wang", "Carol"]));
        var rows = page.FindAll("[data-table='conflicts'] tbody tr");
        rows[0].TextContent.ShouldContain("aigc/sd-webui No. 0");
        rows[0].TextContent.ShouldContain("The ownership record already gives this instance to another user.");
        rows[0].QuerySelector("[data-cell='owner']")!.TextContent.Trim().ShouldBe("Alice Li");
        rows[1].TextContent.ShouldContain("No instance exists for this id");
        rows[1].QuerySelector("[data-cell='owner']")!.TextContent.Trim().ShouldBe("nobody");
    }

    [Fact]
    public void A_missing_instance_can_only_be_dropped_and_every_button_says_what_it_does()
    {
        var page = RenderPage<AdminMigration>();

        page.WaitForElement("td[data-claim='user-bob:aigc-sd-webui'] [data-action='give']")
            .GetAttribute("aria-label").ShouldBe("Give aigc/sd-webui No. 0 to Bob Wang");
        page.FindAll("td[data-claim='user-carol:aigc-sd-webui'] [data-action='give']").ShouldBeEmpty();
        Row(page, "user-carol:aigc-sd-webui", "drop").GetAttribute("aria-label").ShouldBe("Drop the claim of Carol on aigc/sd-webui No. 5");
        page.FindAll("[data-table='conflicts'] th").Select(h => h.TextContent.Trim()).ShouldContain("Recorded owner");
    }

    [Fact]
    public void Giving_an_instance_asks_first_naming_both_users_and_then_decides_and_checks_again()
    {
        var page = RenderPage<AdminMigration>();
        page.WaitForElement("td[data-claim='user-bob:aigc-sd-webui'] [data-action='give']").Click();

        var dialog = page.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("Give aigc/sd-webui No. 0 to Bob Wang?");
        dialog.TextContent.ShouldContain("Alice Li, its recorded owner, loses it");
        Migration.Calls.ShouldBeEmpty();
        var reviews = Migration.Reviews;
        Answer(page, "Give to Bob Wang");

        page.WaitForAssertion(() => Migration.Calls.ShouldBe(["give aigc/sd-webui#0 to user-bob by Ada (admin-1)"]));
        page.WaitForAssertion(() => page.Find("[data-admin-message]").TextContent.ShouldContain("Done."));
        Migration.Reviews.ShouldBeGreaterThan(reviews);
    }

    [Fact]
    public void Dropping_a_claim_asks_first_and_cancelling_changes_nothing()
    {
        var page = RenderPage<AdminMigration>();
        page.WaitForElement("td[data-claim='user-carol:aigc-sd-webui'] [data-action='drop']").Click();
        page.WaitForElement(".mud-dialog").TextContent.ShouldContain("Only the Logto entry aigc-sd-webui of Carol is cleared");

        Answer(page, "Cancel");
        page.WaitForAssertion(() => page.FindAll(".mud-dialog").ShouldBeEmpty());
        Migration.Calls.ShouldBeEmpty();

        Row(page, "user-carol:aigc-sd-webui", "drop").Click();
        Answer(page, "Drop claim");
        page.WaitForAssertion(() => Migration.Calls.ShouldBe(["drop user-carol:aigc-sd-webui by Ada (admin-1)"]));
    }

    [Fact]
    public void A_refused_decision_says_why_and_what_to_do()
    {
        Migration.NextOutcome = MigrationActionOutcome.UserOwnsOtherInstance;
        var page = RenderPage<AdminMigration>();
        page.WaitForElement("td[data-claim='user-bob:aigc-sd-webui'] [data-action='give']").Click();
        Answer(page, "Give to Bob Wang");

        page.WaitForAssertion(() => page.Find("[data-admin-message]").TextContent
            .ShouldContain("This user already owns another instance of the template. Drop one of the two claims first."));
    }

    [Fact]
    public void The_mirror_backlog_and_the_last_passes_are_shown()
    {
        Migration.MirrorStatus = new MirrorStatus(
            [new PendingMirrorWrite("user-bob", Sd, null, 1, 3, Now.AddSeconds(40), "Logto answered 503", Now.AddMinutes(-5))],
            2,
            Now.AddMinutes(-7),
            new AdoptionReport(null, [new AdoptAction("user-alice", SdZero)], []) { Finished = Now.AddHours(-1) },
            new DriftReport(null, 12, []) { Finished = Now.AddMinutes(-3) });

        var page = RenderPage<AdminMigration>();

        page.Find("[data-status='queued']").TextContent.ShouldContain("Logto answered 503");
        page.Find("[data-status='queued'] td").TextContent.ShouldStartWith("1 (the oldest first failed 5 min ago");
        page.Find("[data-status='marked'] td").TextContent.ShouldStartWith("2 (oldest");
        page.Find("[data-status='adoption'] td").TextContent.ShouldContain("1 adopted, 0 left to you");
        page.Find("[data-status='drift'] td").TextContent.ShouldContain("12 users checked, 0 entries repaired, 0 failed");
    }

    [Fact]
    public void A_replica_that_does_not_run_the_reconciler_says_so()
    {
        var page = RenderPage<AdminMigration>();

        page.Find("[data-status='drift'] td").TextContent.ShouldContain("the replica holding the lease runs it");
    }

    [Fact]
    public void When_logto_cannot_be_read_the_page_says_what_to_check()
    {
        Migration.Review = new MigrationReview("Logto answered 403 auth.forbidden", [], [], Now);

        var page = RenderPage<AdminMigration>();

        page.WaitForElement("[data-review-error]").TextContent.ShouldContain("'Logto Management API access' role");
    }

    [Fact]
    public void Ids_are_shown_with_a_hint_when_names_cannot_be_read()
    {
        Admin.Names = ImmutableDictionary<string, string>.Empty;
        Admin.UserNamesProblem = "Logto answered 403 auth.forbidden";

        var page = RenderPage<AdminMigration>();

        page.WaitForAssertion(() => page.FindAll("[data-cell='user']").Select(c => c.TextContent.Trim()).ShouldBe(["user-bob", "user-carol"]));
        page.Find("[data-names-problem]").TextContent.ShouldContain("Logto user ids are shown: Logto answered 403");
    }

    [Fact]
    public void The_page_is_in_chinese_too()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

        var page = RenderPage<AdminMigration>();

        page.WaitForAssertion(() => page.Find("h1").TextContent.ShouldBe("从旧版网关迁移"));
        page.Markup.ShouldContain("所有权记录已将该实例分配给另一位用户。");
        page.Find("td[data-claim='user-bob:aigc-sd-webui'] [data-action='give']").TextContent.Trim().ShouldBe("交给 Bob Wang");
    }

    [Fact]
    public void Without_logto_there_is_nothing_to_migrate()
    {
        Migration.IsAvailable = false;

        var page = RenderPage<AdminMigration>();

        page.Find("[data-empty='conflicts']").TextContent.ShouldContain("Logto is not configured");
        Migration.Reviews.ShouldBe(0);
    }
}
