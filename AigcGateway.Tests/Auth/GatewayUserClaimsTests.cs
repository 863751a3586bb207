using System.Security.Claims;
using AigcGateway.Core.Users;
using AigcGateway.Web.Auth;

namespace AigcGateway.Tests.Auth;

public sealed class GatewayUserClaimsTests
{
    [Fact]
    public void A_signed_in_administrator_becomes_a_gateway_user()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new(GatewayClaims.Subject, "u1abc"), new(GatewayClaims.Name, "Alice"), new(GatewayClaims.Email, "alice@example.test"),
                new(GatewayClaims.Administrator, "true")], "Cookies"));

        principal.ToGatewayUser().ShouldBe(new GatewayUser("u1abc", "Alice", "alice@example.test", IsAdministrator: true));
    }

    [Fact]
    public void An_anonymous_principal_is_no_user()
    {
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(GatewayClaims.Subject, "u1abc")])).ToGatewayUser().ShouldBeNull();
    }

    [Fact]
    public void A_blank_name_falls_back_to_the_username_as_on_the_admin_pages()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new(GatewayClaims.Subject, "u1abc"), new(GatewayClaims.Name, " "), new(GatewayClaims.Username, "alice")], "Cookies"));

        principal.ToGatewayUser()!.DisplayName.ShouldBe("alice");
    }
}
