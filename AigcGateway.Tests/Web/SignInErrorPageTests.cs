using System.Net;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Web;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SignInErrorPageTests(GatewayAppFixture app) : IClassFixture<GatewayAppFixture>
{
    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await app.Client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_explained_in_chinese_to_a_chinese_browser()
    {
        var (status, html) = await GetAsync("/sign-in-error?reason=invalid_client", "zh-CN");

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("网关无法向 Logto 证明自己的身份");
        html.ShouldContain("Logto:AppSecret");
        html.ShouldContain("<html lang=\"zh-CN\">");
    }

    [Fact]
    public async Task An_unknown_reason_gets_the_general_page_and_never_echoes_the_input()
    {
        var (_, html) = await GetAsync("/sign-in-error?reason=%3Cscript%3Ealert(1)%3C/script%3E", "en");

        html.ShouldContain("Sign-in failed");
        html.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task The_access_denied_page_answers_403_and_says_whom_to_ask()
    {
        var (status, html) = await GetAsync("/access-denied", "en");

        status.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain("Ask an administrator");
    }
}
