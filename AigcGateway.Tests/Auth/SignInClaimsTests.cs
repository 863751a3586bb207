using System.Security.Claims;
using AigcGateway.Core.Logto;
using AigcGateway.Tests.Logto;
using AigcGateway.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AigcGateway.Tests.Auth;

public sealed class SignInClaimsTests : IAsyncLifetime
{
    private readonly InMemoryLogtoUsers _logto = new InMemoryLogtoUsers().With("u1abc").With("u2def");
    private AuthTestHost _host = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var settings = GatewayConfigurationTests.ValidSettings();
        settings["Gateway:AdminUsers"] = "Boss@Example.test, u9xyz";
        _host = await AuthTestHost.StartAsync(settings, _logto, Ct);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<ClaimsPrincipal> SignInAsync(params Claim[] claims)
    {
        using var scope = _host.Services.CreateScope();
        var events = scope.ServiceProvider.GetRequiredService<LogtoOpenIdConnectEvents>();
        var options = _host.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(GatewayAuthentication.OidcScheme);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc", GatewayClaims.Name, GatewayClaims.Roles));
        var context = new TicketReceivedContext(
            new DefaultHttpContext { RequestServices = scope.ServiceProvider },
            new AuthenticationScheme(GatewayAuthentication.OidcScheme, null, typeof(OpenIdConnectHandler)),
            options,
            new AuthenticationTicket(principal, GatewayAuthentication.OidcScheme));

        await events.TicketReceived(context);
        return context.Principal!;
    }

    private static bool IsAdmin(ClaimsPrincipal principal) => principal.HasClaim(GatewayClaims.Administrator, "true");

    [Fact]
    public async Task The_configured_role_in_the_roles_claim_makes_an_administrator()
    {
        IsAdmin(await SignInAsync(new(GatewayClaims.Subject, "u1abc"), new(GatewayClaims.Roles, "aigc-admin"))).ShouldBeTrue();
    }

    [Fact]
    public async Task Other_roles_do_not_make_an_administrator_nor_ask_the_management_api()
    {
        _logto.Roles["u1abc"] = ["aigc-admin"];

        IsAdmin(await SignInAsync(new(GatewayClaims.Subject, "u1abc"), new(GatewayClaims.Roles, "viewer"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_a_roles_claim_the_role_is_read_through_the_management_api()
    {
        _logto.Roles["u1abc"] = ["aigc-admin"];

        IsAdmin(await SignInAsync(new Claim(GatewayClaims.Subject, "u1abc"))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_management_api_at_sign_in_means_no_administrator_rights_and_no_error()
    {
        _logto.Roles["u1abc"] = ["aigc-admin"];
        _logto.FailWith = LogtoOutcome.ConfigurationError;

        IsAdmin(await SignInAsync(new Claim(GatewayClaims.Subject, "u1abc"))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public async Task A_listed_email_makes_an_administrator_when_logto_says_it_is_verified(string verified)
    {
        IsAdmin(await SignInAsync(
                new(GatewayClaims.Subject, "u2def"), new(GatewayClaims.Email, "Boss@Example.test"), new("email_verified", verified), new(GatewayClaims.Roles, "viewer")))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task A_listed_but_unverified_email_does_not_make_an_administrator()
    {
        IsAdmin(await SignInAsync(
                new(GatewayClaims.Subject, "u2def"), new(GatewayClaims.Email, "Boss@Example.test"), new("email_verified", "false"), new(GatewayClaims.Roles, "viewer")))
            .ShouldBeFalse();
    }

    [Fact]
    public async Task A_listed_email_without_the_verified_claim_does_not_make_an_administrator()
    {
        IsAdmin(await SignInAsync(new(GatewayClaims.Subject, "u2def"), new(GatewayClaims.Email, "Boss@Example.test"), new(GatewayClaims.Roles, "viewer")))
            .ShouldBeFalse();
    }

    [Fact]
    public async Task The_domain_of_a_listed_email_is_compared_without_case_but_the_mailbox_exactly()
    {
        IsAdmin(await SignInAsync(
                new(GatewayClaims.Subject, "u2def"), new(GatewayClaims.Email, "Boss@example.TEST"), new("email_verified", "true"), new(GatewayClaims.Roles, "viewer")))
            .ShouldBeTrue();
        IsAdmin(await SignInAsync(
                new(GatewayClaims.Subject, "u3ghi"), new(GatewayClaims.Email, "boss@Example.test"), new("email_verified", "true"), new(GatewayClaims.Roles, "viewer")))
            .ShouldBeFalse();
    }

    [Fact]
    public async Task A_listed_user_id_makes_an_administrator()
    {
        IsAdmin(await SignInAsync(new(GatewayClaims.Subject, "u9xyz"), new(GatewayClaims.Roles, "viewer"))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Alice Liddell", "alice", "alice@example.test", "Alice Liddell")]
    [InlineData(null, "alice", "alice@example.test", "alice")]
    [InlineData(null, null, "alice@example.test", "alice@example.test")]
    public async Task The_display_name_comes_from_name_then_username_then_email(string? name, string? username, string? email, string expected)
    {
        var claims = new List<Claim> { new(GatewayClaims.Subject, "u1abc"), new(GatewayClaims.Roles, "viewer") };
        if (name is not null)
        {
            claims.Add(new(GatewayClaims.Name, name));
        }

        if (username is not null)
        {
            claims.Add(new(GatewayClaims.Username, username));
        }

        if (email is not null)
        {
            claims.Add(new(GatewayClaims.Email, email));
        }

        (await SignInAsync([.. claims])).Identity!.Name.ShouldBe(expected);
    }
}
