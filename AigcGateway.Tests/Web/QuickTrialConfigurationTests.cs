using AigcGateway.Tests.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Hosting;

namespace AigcGateway.Tests.Web;

/// <summary>
/// A quick trial on one machine: the dashboard on an IP address or on localhost works with host-only cookies (no
/// cookie domain); a cookie domain that cannot hold the dashboard host is refused with what to use instead.
/// </summary>
public sealed class QuickTrialConfigurationTests
{
    private static IReadOnlyList<string> Problems(string publicUrl, string? cookieDomain)
    {
        var settings = GatewayConfigurationTests.ValidSettings();
        var gateway = new GatewayOptions { PublicUrl = publicUrl, CookieDomain = cookieDomain };
        var logto = new LogtoOptions
        {
            Endpoint = settings["Logto:Endpoint"],
            AppId = "web-app",
            AppSecret = "web-secret",
            M2MId = "m2m-app",
            M2MSecret = "m2m-secret",
        };
        return ConfigurationValidation.Problems(gateway, logto, new GatewayMode(false));
    }

    [Theory]
    [InlineData("http://192.168.1.10:8080", null)]
    [InlineData("http://192.168.1.10:8080", "192.168.1.10")]
    [InlineData("http://[fd00::10]:8080", null)]
    [InlineData("http://localhost:8080", null)]
    [InlineData("http://localhost:8080", "localhost")]
    [InlineData("http://dashboard.192.168.1.10.nip.io:8080", ".192.168.1.10.nip.io")]
    public void A_dashboard_on_an_ip_address_or_localhost_needs_no_cookie_domain(string publicUrl, string? cookieDomain)
    {
        Problems(publicUrl, cookieDomain).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://192.168.1.10:8080")]
    [InlineData("http://localhost:8080")]
    public void Cookies_for_an_ip_address_or_localhost_are_host_only(string publicUrl)
    {
        var host = new Uri(publicUrl).Host;

        new GatewayOptions { PublicUrl = publicUrl }.CookieDomainName.ShouldBeNull();
        new GatewayOptions { PublicUrl = publicUrl, CookieDomain = host }.CookieDomainName.ShouldBeNull();
    }

    [Fact]
    public void A_cookie_domain_for_a_dashboard_on_an_ip_address_is_refused_with_what_to_use_instead()
    {
        var problem = Problems("http://192.168.1.10:8080", ".example.com").ShouldHaveSingleItem();

        problem.ShouldContain("Gateway:CookieDomain");
        problem.ShouldContain("IP address");
        problem.ShouldContain("nip.io");
    }

    [Fact]
    public void A_dashboard_with_a_domain_name_still_needs_its_cookie_domain()
    {
        Problems("https://dashboard.example.com", null).ShouldHaveSingleItem().ShouldContain("Gateway:CookieDomain is required");
    }

    [Fact]
    public void The_banner_names_the_public_url_to_open_and_the_listening_address_as_such()
    {
        StartupBanner.Target(new Uri("http://192.168.1.10:8080"), ["http://[::]:8080"])
            .ShouldBe(("http://192.168.1.10:8080/", "http://[::]:8080"));
    }

    [Fact]
    public void Without_a_public_url_the_banner_names_the_listening_address()
    {
        StartupBanner.Target(null, ["https://0.0.0.0:5001", "http://0.0.0.0:5000"]).ShouldBe(("http://localhost:5000", null));
    }
}
