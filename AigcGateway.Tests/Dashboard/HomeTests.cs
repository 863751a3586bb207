using System.Security.Claims;
using AigcGateway.Web.Components.Pages;
using Bunit;

namespace AigcGateway.Tests.Dashboard;

public sealed class HomeTests : DashboardContext
{
    private IRenderedComponent<Home> RenderHome()
    {
        UseService(DashboardData.Ready());
        return Render<Home>();
    }

    [Fact]
    public void Signed_out_visitors_see_the_welcome_page_and_no_dashboard()
    {
        var home = RenderHome();

        home.Find(".welcome-start").GetAttribute("href").ShouldBe("/sign-in");
        home.FindAll(".dashboard").ShouldBeEmpty();
        Service.Subscribers.ShouldBeEmpty();
    }

    [Fact]
    public void Signed_in_users_see_their_dashboard_under_their_sub_claim()
    {
        Auth.SetAuthorized("Alice");
        Auth.SetClaims(new Claim("sub", "logto-user-1"));

        var home = RenderHome();

        home.FindAll(".welcome").ShouldBeEmpty();
        home.WaitForAssertion(() => home.FindAll("[data-template]").Count.ShouldBe(4));
        Service.Subscribers.ShouldBe(["logto-user-1"]);
    }

    [Fact]
    public void Without_a_sub_claim_the_name_identifier_is_the_user_id()
    {
        Auth.SetAuthorized("Alice");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "logto-user-2"));

        RenderHome();

        Service.Subscribers.ShouldBe(["logto-user-2"]);
    }

    [Fact]
    public void A_signed_in_user_without_any_id_is_told_what_to_do_instead_of_seeing_someone_elses_dashboard()
    {
        Auth.SetAuthorized("Alice");

        var home = RenderHome();

        home.Find("[data-missing-user-id]").TextContent.ShouldContain("Sign out and in again");
        Service.Subscribers.ShouldBeEmpty();
    }
}
