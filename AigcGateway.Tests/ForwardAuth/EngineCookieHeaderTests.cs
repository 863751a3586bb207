using AigcGateway.Web.Auth;
using AigcGateway.Web.ForwardAuth;

namespace AigcGateway.Tests.ForwardAuth;

public sealed class EngineCookieHeaderTests
{
    [Theory]
    [InlineData("aigc_access=abc; theme=dark", "theme=dark")]
    [InlineData("theme=dark; aigc_access=abc; sid=a=b==", "theme=dark; sid=a=b==")]
    [InlineData("theme=dark;aigc_access=abc;lang=zh", "theme=dark; lang=zh")]
    [InlineData("aigc_session=chunks-2; aigc_sessionC1=x; aigc_sessionC2=y; theme=dark", "theme=dark")]
    [InlineData("AIGC_ACCESS=kept; aigc_accessx=kept", "AIGC_ACCESS=kept; aigc_accessx=kept")]
    [InlineData("aigc_sessionCx=kept", "aigc_sessionCx=kept")]
    public void The_gateways_cookies_are_removed_and_the_engines_kept(string header, string expected)
    {
        EngineCookieHeader.From(header).ShouldBe(expected);
    }

    [Theory]
    [InlineData("aigc_access=abc")]
    [InlineData("aigc_access=abc; aigc_session=def")]
    [InlineData(" ; ")]
    [InlineData("")]
    public void Nothing_is_left_when_only_the_gateways_cookies_were_sent(string header)
    {
        EngineCookieHeader.From(header).ShouldBeNull();
    }

    [Fact]
    public void Several_cookie_headers_are_joined()
    {
        EngineCookieHeader.From(new(["theme=dark", $"{InstanceAccessCookie.Name}=abc; lang=zh"])).ShouldBe("theme=dark; lang=zh");
    }

    [Fact]
    public void The_names_are_the_gateways_own()
    {
        EngineCookieHeader.From($"{InstanceAccessCookie.Name}=1; {GatewayAuthentication.SessionCookieName}=2").ShouldBeNull();
    }
}
