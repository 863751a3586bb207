using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;

namespace AigcGateway.Tests.LogtoEmulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed partial class LogtoEndSessionTests
{
    [Fact]
    public async Task An_unregistered_post_logout_redirect_uri_answers_logtos_400_json()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        using var response = await browser.GetAsync(EndSessionUrl("https://dashboard.aigc.test/signout-callback-oidc"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken);
        JsonDocument.Parse(body).RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ShouldBe(
        [
            ("code", "oidc.invalid_request"),
            ("message", "Request is invalid."),
            ("error", "invalid_request"),
            ("error_description", "post_logout_redirect_uri not registered"),
        ]);
    }

    [Fact]
    public async Task Post_logout_redirect_uris_are_compared_as_exact_strings()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        using var response = await browser.GetAsync(EndSessionUrl(LogtoTestSetup.PostLogoutUri.TrimEnd('/')));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_registered_uri_gets_a_page_that_submits_to_confirm_which_redirects_303_with_state()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var html = await LogtoTestBrowser.ReadAsync(await browser.GetAsync(EndSessionUrl(LogtoTestSetup.PostLogoutUri)));
        html.ShouldContain("action=\"/oidc/session/end/confirm\"");
        using var confirmed = await browser.Http.PostAsync("/oidc/session/end/confirm", new FormUrlEncodedContent(HiddenFields(html)),
            Xunit.TestContext.Current.CancellationToken);

        confirmed.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        confirmed.Headers.Location!.AbsoluteUri.ShouldBe(LogtoTestSetup.PostLogoutUri + "?state=s1gnout");
    }

    [Fact]
    public async Task Confirming_the_end_of_the_session_makes_prompt_none_answer_login_required()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Alice.Id);

        var html = await LogtoTestBrowser.ReadAsync(await browser.GetAsync(EndSessionUrl(LogtoTestSetup.PostLogoutUri)));
        using var confirmed = await browser.Http.PostAsync("/oidc/session/end/confirm", new FormUrlEncodedContent(HiddenFields(html)),
            Xunit.TestContext.Current.CancellationToken);
        var callback = await browser.FollowToClientAsync(browser.AuthorizeUrl(extra: "&prompt=none"));

        LogtoTestBrowser.Query(callback)["error"].ShouldBe("login_required");
    }

    [Fact]
    public async Task An_id_token_hint_identifies_the_application_without_client_id()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var idToken = (await browser.SignInAndExchangeAsync(LogtoDemoUsers.Alice.Id)).GetProperty("id_token").GetString()!;

        using var response = await browser.GetAsync(
            $"/oidc/session/end?id_token_hint={idToken}&post_logout_redirect_uri={Uri.EscapeDataString(LogtoTestSetup.PostLogoutUri)}&state=x");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_post_logout_redirect_uri_without_client_id_or_id_token_hint_is_refused()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        using var response = await browser.GetAsync(
            $"/oidc/session/end?post_logout_redirect_uri={Uri.EscapeDataString(LogtoTestSetup.PostLogoutUri)}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static string EndSessionUrl(string postLogoutUri) =>
        $"/oidc/session/end?client_id={LogtoTestSetup.WebApp.ClientId}" +
        $"&post_logout_redirect_uri={Uri.EscapeDataString(postLogoutUri)}&state=s1gnout";

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
