using AigcGateway.Web.Auth;

namespace AigcGateway.Tests.Auth;

public sealed class ReturnUrlValidatorTests
{
    private const string Dashboard = "dashboard.example.test";
    private const string CookieDomain = ".example.test";

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/catalog", "/catalog")]
    [InlineData("/admin/templates?page=2#top", "/admin/templates?page=2#top")]
    [InlineData("https://dashboard.example.test/catalog", "https://dashboard.example.test/catalog")]
    [InlineData("https://sd-1.example.test/", "https://sd-1.example.test/")]
    [InlineData("http://sd-1.example.test:8080/app?x=1", "http://sd-1.example.test:8080/app?x=1")]
    [InlineData("https://deep.apps.example.test/x", "https://deep.apps.example.test/x")]
    [InlineData("https://example.test/", "https://example.test/")]
    [InlineData("HTTPS://SD-1.EXAMPLE.TEST/", "https://sd-1.example.test/")]
    public void Safe_targets_are_kept(string rd, string expected)
    {
        ReturnUrlValidator.Resolve(rd, Dashboard, CookieDomain).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.test/")]
    [InlineData("https://evil.test/?x=sd-1.example.test")]
    [InlineData("https://example.test.evil.test/")]
    [InlineData("https://evilexample.test/")]
    [InlineData("https://dashboard.example.test.evil.test/")]
    [InlineData("//evil.test")]
    [InlineData("//evil.test/path")]
    [InlineData("///evil.test")]
    [InlineData("/\\evil.test")]
    [InlineData("\\\\evil.test")]
    [InlineData("\\/evil.test")]
    [InlineData("/%2F/evil.test")]
    [InlineData("/%2f%2fevil.test")]
    [InlineData("/%5Cevil.test")]
    [InlineData("/%252F%252Fevil.test")]
    [InlineData("%2F%2Fevil.test")]
    [InlineData("/\t/evil.test")]
    [InlineData("/\n/evil.test")]
    [InlineData(" /catalog")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("ftp://sd-1.example.test/")]
    [InlineData("https:evil.test")]
    [InlineData("https:/evil.test")]
    [InlineData("https:\\\\evil.test")]
    [InlineData("https://evil.test\\@sd-1.example.test/")]
    [InlineData("https://sd-1.example.test@evil.test/")]
    [InlineData("https://user:pass@sd-1.example.test/")]
    [InlineData("https://evil.test#@sd-1.example.test")]
    [InlineData("https://evil.test?@sd-1.example.test")]
    [InlineData("https://evil.test%2F@sd-1.example.test/")]
    [InlineData("https://sd-1.example.test%2F@evil.test/")]
    [InlineData("https://127.0.0.1/")]
    [InlineData("catalog")]
    [InlineData("evil.test")]
    public void Everything_else_returns_to_the_dashboard_root(string? rd)
    {
        ReturnUrlValidator.Resolve(rd, Dashboard, CookieDomain).ShouldBe("/");
    }

    [Theory]
    [InlineData("/文件", "/%E6%96%87%E4%BB%B6")]
    [InlineData("/a?q=图#片", "/a?q=%E5%9B%BE#%E7%89%87")]
    [InlineData("https://i1.example.test/文件", "https://i1.example.test/%E6%96%87%E4%BB%B6")]
    [InlineData("https://i1.example.test/x?q=图", "https://i1.example.test/x?q=%E5%9B%BE")]
    [InlineData("https://文件.example.test/", "https://xn--5nqy36c.example.test/")]
    public void Non_ascii_targets_are_percent_encoded_so_they_fit_in_a_location_header(string rd, string expected)
    {
        var resolved = ReturnUrlValidator.Resolve(rd, Dashboard, CookieDomain);

        resolved.ShouldBe(expected);
        resolved.ShouldAllBe(c => c > ' ' && c < 0x7F);
    }

    [Theory]
    [InlineData(1100)]
    [InlineData(5000)]
    public void Targets_too_long_for_a_redirect_return_to_the_dashboard_root(int length)
    {
        ReturnUrlValidator.Resolve("/" + new string('a', length), Dashboard, CookieDomain).ShouldBe("/");
        ReturnUrlValidator.Resolve("https://sd-1.example.test/" + new string('a', length), Dashboard, CookieDomain).ShouldBe("/");
        ReturnUrlValidator.ResolveLocal("/" + new string('a', length)).ShouldBe("/");
    }

    [Theory]
    [InlineData("/not-found", "/not-found")]
    [InlineData("/文件", "/%E6%96%87%E4%BB%B6")]
    [InlineData("https://dashboard.example.test/x", "/")]
    [InlineData("//evil.test", "/")]
    [InlineData(null, "/")]
    public void Local_only_targets_keep_paths_of_this_site(string? returnUrl, string expected)
    {
        ReturnUrlValidator.ResolveLocal(returnUrl).ShouldBe(expected);
    }

    [Fact]
    public void Without_a_cookie_domain_only_the_dashboard_host_is_allowed()
    {
        ReturnUrlValidator.Resolve("https://sd-1.example.test/", Dashboard, null).ShouldBe("/");
        ReturnUrlValidator.Resolve("https://dashboard.example.test/x", Dashboard, null).ShouldBe("https://dashboard.example.test/x");
    }
}
