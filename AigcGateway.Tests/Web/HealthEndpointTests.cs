using System.Net;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Web;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class HealthEndpointTests(GatewayAppFixture app) : IClassFixture<GatewayAppFixture>
{
    [Fact]
    public async Task Healthz_answers_healthy_while_the_process_runs()
    {
        var response = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readyz_answers_healthy_when_every_readiness_check_passes()
    {
        var response = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_url_renders_the_not_found_page_with_status_404()
    {
        var response = await app.Client.GetAsync(new Uri("/no/such/page", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("Page not found");
        html.ShouldContain("Back to the dashboard");
    }

    [Fact]
    public async Task The_welcome_page_follows_the_browsers_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9,en;q=0.5");

        var response = await app.Client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken));

        html.ShouldContain("开始使用");
        html.ShouldContain("<html lang=\"zh-CN\">");
    }

    [Fact]
    public async Task The_language_switch_remembers_the_choice_in_a_cookie_and_returns_to_a_local_page()
    {
        var response = await app.Client.GetAsync(
            new Uri("/culture/zh-CN?returnUrl=%2Fnot-found", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/not-found");
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(".AspNetCore.Culture=c%3Dzh-CN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_language_switch_never_redirects_off_site(string returnUrl)
    {
        var response = await app.Client.GetAsync(
            new Uri($"/culture/en?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task An_unsupported_language_is_refused_with_a_message()
    {
        var response = await app.Client.GetAsync(new Uri("/culture/xx-YY", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).ShouldContain("zh-CN");
    }

    [Fact]
    public async Task The_language_switch_sends_a_very_long_return_url_home_instead_of_an_oversized_header()
    {
        var response = await app.Client.GetAsync(
            new Uri("/culture/en?returnUrl=%2F" + new string('a', 5000), UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task The_language_switch_percent_encodes_a_non_ascii_return_path()
    {
        var response = await app.Client.GetAsync(
            new Uri("/culture/en?returnUrl=" + Uri.EscapeDataString("/文件?q=图"), UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/%E6%96%87%E4%BB%B6?q=%E5%9B%BE");
    }
}
