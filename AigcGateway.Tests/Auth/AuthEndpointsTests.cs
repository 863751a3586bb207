using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AigcGateway.Tests.Logto;
using AigcGateway.Web.Auth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace AigcGateway.Tests.Auth;

public sealed class AuthEndpointsTests : IAsyncLifetime
{
    private FakeLogtoServer _logto = null!;
    private AuthTestHost _host = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _logto = await FakeLogtoServer.StartAsync(Ct);
        _host = await StartHostAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _logto.DisposeAsync();
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = GatewayConfigurationTests.ValidSettings();
        settings["Logto:Endpoint"] = _logto.Endpoint.AbsoluteUri;
        return settings;
    }

    private Task<AuthTestHost> StartHostAsync(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = Settings();
        change?.Invoke(settings);
        return AuthTestHost.StartAsync(settings, null, Ct);
    }

    private async Task<HttpResponseMessage> GetAsync(AuthTestHost host, string url, IReadOnlyDictionary<string, SetCookieHeaderValue>? cookies = null)
    {
        using var request = AuthTestHost.Get(url, cookies);
        return await host.Client.SendAsync(request, Ct);
    }

    private static Dictionary<string, string> Query(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).ToDictionary(q => q.Key, q => q.Value.ToString());

    [Fact]
    public async Task Sign_in_redirects_to_logto_with_code_flow_pkce_and_the_registered_callback()
    {
        using var response = await GetAsync(_host, "/sign-in");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe($"{_logto.Endpoint.AbsoluteUri.TrimEnd('/')}/oidc/auth");
        var query = Query(location);
        query["client_id"].ShouldBe("web-app");
        query["redirect_uri"].ShouldBe("https://dashboard.example.test/sign-in-callback");
        query["response_type"].ShouldBe("code");
        query["scope"].ShouldBe("openid profile email roles");
        query["code_challenge_method"].ShouldBe("S256");
        query.ShouldContainKey("code_challenge");
        query.ShouldNotContainKey("resource");
    }

    [Fact]
    public async Task Sign_in_sends_the_browser_to_the_public_endpoint_when_an_internal_one_is_set()
    {
        await using var host = await StartHostAsync(s =>
        {
            s["Logto:Endpoint"] = "https://logto.example.test/";
            s["Logto:InternalEndpoint"] = _logto.Endpoint.AbsoluteUri;
        });

        using var response = await GetAsync(host, "/sign-in");

        response.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe("https://logto.example.test/oidc/auth");
    }

    [Fact]
    public async Task Sign_in_while_logto_is_unreachable_shows_the_error_page()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var host = await StartHostAsync(s => s["Logto:Endpoint"] = $"http://127.0.0.1:{port}");

        using var response = await GetAsync(host, "/sign-in");

        response.Headers.Location!.OriginalString.ShouldBe("/sign-in-error?reason=unreachable");
    }

    [Fact]
    public async Task A_signed_in_user_goes_straight_to_a_safe_rd_with_a_fresh_access_cookie()
    {
        var cookies = (await _host.SignInAsAsync("u1abc", "alice@example.test", admin: false, Ct))
            .Where(c => c.Key != InstanceAccessCookie.Name).ToDictionary();

        using var response = await GetAsync(_host, "/sign-in?rd=" + Uri.EscapeDataString("https://sd-1.example.test/app"), cookies);

        response.Headers.Location!.AbsoluteUri.ShouldBe("https://sd-1.example.test/app");
        AuthTestHost.Cookies(response).ShouldContainKey(InstanceAccessCookie.Name);
    }

    [Theory]
    [InlineData("https://sd-1.example.test/文件", "https://sd-1.example.test/%E6%96%87%E4%BB%B6")]
    [InlineData("/文件", "/%E6%96%87%E4%BB%B6")]
    [InlineData("https://文件.example.test/", "https://xn--5nqy36c.example.test/")]
    public async Task A_non_ascii_rd_is_percent_encoded_not_a_server_error(string rd, string expected)
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);

        using var response = await GetAsync(_host, "/sign-in?rd=" + Uri.EscapeDataString(rd), cookies);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(expected);
    }

    [Fact]
    public async Task A_non_ascii_rd_survives_the_round_trip_through_logto_unchanged()
    {
        using var response = await GetAsync(_host, "/sign-in?rd=" + Uri.EscapeDataString("https://sd-1.example.test/文件"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldEndWith("/oidc/auth");
    }

    [Fact]
    public async Task A_signed_in_user_goes_home_for_an_unsafe_rd()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);

        using var response = await GetAsync(_host, "/sign-in?rd=" + Uri.EscapeDataString("https://evil.test/?x=.example.test"), cookies);

        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task The_dashboard_session_cookie_is_a_host_prefixed_host_only_http_only_secure_lax_cookie()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);

        cookies.ShouldNotContainKey(GatewayAuthentication.SessionCookieName);
        var session = cookies["__Host-aigc_session"];
        session.Domain.HasValue.ShouldBeFalse();
        session.Path.ToString().ShouldBe("/");
        session.HttpOnly.ShouldBeTrue();
        session.Secure.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteMode.Lax);
    }

    [Fact]
    public async Task A_session_cookie_planted_for_the_parent_domain_under_the_plain_name_is_ignored()
    {
        // A sibling host can set "aigc_session" for .example.test (cookie tossing); it cannot set a __Host- cookie.
        var mine = (await _host.SignInAsAsync("attacker", null, admin: false, Ct))["__Host-aigc_session"];

        (await _host.WhoAmIAsync($"aigc_session={mine.Value}", Ct)).ShouldBe("anonymous");
    }

    [Fact]
    public async Task Over_plain_http_the_session_cookie_keeps_its_plain_name()
    {
        await using var host = await StartHostAsync(s =>
        {
            s["Gateway:PublicUrl"] = "http://dashboard.example.test";
        });

        var cookies = await host.SignInAsAsync("u1abc", null, admin: false, Ct);

        cookies.ShouldContainKey(GatewayAuthentication.SessionCookieName);
        cookies.Keys.ShouldNotContain(k => k.StartsWith("__Host-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sign_in_correlation_and_nonce_cookies_are_host_prefixed_and_scoped_to_the_whole_host()
    {
        using var response = await GetAsync(_host, "/sign-in");

        var cookies = AuthTestHost.Cookies(response).Values.ToList();
        cookies.Count.ShouldBe(2);
        cookies.ShouldAllBe(c => c.Name.ToString().StartsWith("__Host-", StringComparison.Ordinal));
        cookies.ShouldAllBe(c => c.Secure && c.HttpOnly && c.Path.ToString() == "/" && !c.Domain.HasValue);
    }

    [Fact]
    public async Task The_instance_access_cookie_reaches_the_cookie_domain_and_carries_the_user()
    {
        var access = (await _host.SignInAsAsync("u1abc", "alice@example.test", admin: false, Ct))[InstanceAccessCookie.Name];

        access.Domain.ToString().ShouldBe(".example.test");
        access.HttpOnly.ShouldBeTrue();
        access.Secure.ShouldBeTrue();
        access.SameSite.ShouldBe(SameSiteMode.Lax);
        _host.Services.GetRequiredService<InstanceAccessCookie>().TryRead(access.Value.ToString(), out var identity).ShouldBeTrue();
        identity.UserId.ShouldBe("u1abc");
        identity.Email.ShouldBe("alice@example.test");
    }

    /// <summary>GET /sign-out as a browser would: the confirmation page's antiforgery field and the cookies it set.</summary>
    private async Task<(Dictionary<string, SetCookieHeaderValue> Cookies, string Field, string Token)> SignOutFormAsync(
        AuthTestHost host, IReadOnlyDictionary<string, SetCookieHeaderValue>? cookies)
    {
        using var page = await GetAsync(host, "/sign-out", cookies);
        var html = await page.Content.ReadAsStringAsync(Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var field = Regex.Match(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"");
        field.Success.ShouldBeTrue(html);
        var all = new Dictionary<string, SetCookieHeaderValue>(cookies ?? new Dictionary<string, SetCookieHeaderValue>());
        foreach (var (name, value) in AuthTestHost.Cookies(page))
        {
            all[name] = value;
        }

        return (all, field.Groups[1].Value, WebUtility.HtmlDecode(field.Groups[2].Value));
    }

    private async Task<HttpResponseMessage> PostSignOutAsync(
        AuthTestHost host, IReadOnlyDictionary<string, SetCookieHeaderValue>? cookies, Dictionary<string, string> form)
    {
        using var request = AuthTestHost.Get("/sign-out", cookies);
        request.Method = HttpMethod.Post;
        request.Content = new FormUrlEncodedContent(form);
        return await host.Client.SendAsync(request, Ct);
    }

    private async Task<HttpResponseMessage> SignOutAsync(AuthTestHost host, IReadOnlyDictionary<string, SetCookieHeaderValue>? cookies)
    {
        var (all, field, token) = await SignOutFormAsync(host, cookies);
        return await PostSignOutAsync(host, all, new() { [field] = token });
    }

    private Task<string> WhoAmIAsync(IReadOnlyDictionary<string, SetCookieHeaderValue> cookies) =>
        _host.WhoAmIAsync(string.Join("; ", cookies.Values.Select(c => $"{c.Name}={c.Value}")), Ct);

    [Fact]
    public async Task Sign_out_ends_the_logto_session_with_the_registered_uri_and_client_id()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);

        using var response = await SignOutAsync(_host, cookies);

        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe($"{_logto.Endpoint.AbsoluteUri.TrimEnd('/')}/oidc/session/end");
        var query = Query(location);
        query["post_logout_redirect_uri"].ShouldBe("https://dashboard.example.test/");
        query["client_id"].ShouldBe("web-app");
    }

    [Fact]
    public async Task Sign_out_while_logto_is_down_says_the_logto_session_may_still_be_open_and_offers_to_try_again()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);
        _logto.Down = true;

        using var response = await SignOutAsync(_host, cookies);

        response.Headers.Location!.OriginalString.ShouldBe("/signed-out?logto=unreachable");
        var set = AuthTestHost.Cookies(response);
        set["__Host-aigc_session"].Expires!.Value.ShouldBeLessThan(DateTimeOffset.UtcNow);
        set.ShouldContainKey(LogtoSignOutPending.Name);
        using var page = await GetAsync(_host, "/signed-out?logto=unreachable", set);
        var html = await page.Content.ReadAsStringAsync(Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("may still be open");
        html.ShouldContain("<form method=\"post\" action=\"/sign-out/logto\"");
    }

    [Fact]
    public async Task After_a_sign_out_logto_did_not_hear_the_next_sign_in_asks_for_the_password_again()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);
        _logto.Down = true;
        using var signOut = await SignOutAsync(_host, cookies);
        _logto.Down = false;

        using var signIn = await GetAsync(_host, "/sign-in", AuthTestHost.Cookies(signOut));

        Query(signIn.Headers.Location!)["prompt"].ShouldBe("login");
        AuthTestHost.Cookies(signIn)[LogtoSignOutPending.Name].Expires!.Value.ShouldBeLessThan(DateTimeOffset.UtcNow);
        using var ordinary = await GetAsync(_host, "/sign-in");
        Query(ordinary.Headers.Location!).ShouldNotContainKey("prompt");
    }

    [Fact]
    public async Task Trying_again_once_logto_is_back_ends_the_logto_session()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);
        _logto.Down = true;
        using var signOut = await SignOutAsync(_host, cookies);
        var (all, field, token) = await SignedOutFormAsync(AuthTestHost.Cookies(signOut));

        using var stillDown = await PostAsync("/sign-out/logto", all, new() { [field] = token });
        stillDown.Headers.Location!.OriginalString.ShouldBe("/signed-out?logto=unreachable");
        _logto.Down = false;
        using var retried = await PostAsync("/sign-out/logto", all, new() { [field] = token });

        retried.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe($"{_logto.Endpoint.AbsoluteUri.TrimEnd('/')}/oidc/session/end");
        AuthTestHost.Cookies(retried)[LogtoSignOutPending.Name].Expires!.Value.ShouldBeLessThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Trying_again_without_the_pages_token_changes_nothing()
    {
        using var response = await PostAsync("/sign-out/logto", null, []);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
    }

    private async Task<(Dictionary<string, SetCookieHeaderValue> Cookies, string Field, string Token)> SignedOutFormAsync(
        IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        using var page = await GetAsync(_host, "/signed-out?logto=unreachable", cookies);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var field = Regex.Match(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"");
        field.Success.ShouldBeTrue(html);
        var all = new Dictionary<string, SetCookieHeaderValue>(cookies);
        foreach (var (name, value) in AuthTestHost.Cookies(page))
        {
            all[name] = value;
        }

        return (all, field.Groups[1].Value, WebUtility.HtmlDecode(field.Groups[2].Value));
    }

    private async Task<HttpResponseMessage> PostAsync(string url, IReadOnlyDictionary<string, SetCookieHeaderValue>? cookies, Dictionary<string, string> form)
    {
        using var request = AuthTestHost.Get(url, cookies);
        request.Method = HttpMethod.Post;
        request.Content = new FormUrlEncodedContent(form);
        return await _host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Sign_out_clears_both_cookies()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);

        using var response = await SignOutAsync(_host, cookies);

        var cleared = AuthTestHost.Cookies(response);
        cleared[InstanceAccessCookie.Name].Expires!.Value.ShouldBeLessThan(DateTimeOffset.UtcNow);
        cleared[InstanceAccessCookie.Name].Domain.ToString().ShouldBe(".example.test");
        cleared["__Host-aigc_session"].Expires!.Value.ShouldBeLessThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Sign_out_sends_the_configured_post_logout_uri_verbatim()
    {
        await using var host = await StartHostAsync(s => s["Logto:PostLogoutRedirectUri"] = "https://dashboard.example.test");

        using var response = await SignOutAsync(host, null);

        Query(response.Headers.Location!)["post_logout_redirect_uri"].ShouldBe("https://dashboard.example.test");
    }

    [Fact]
    public async Task Get_sign_out_only_asks_for_confirmation_with_a_post_form_and_a_way_back()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);

        using var response = await GetAsync(_host, "/sign-out", cookies);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<form method=\"post\" action=\"/sign-out\"");
        html.ShouldContain("href=\"/\"");
        AuthTestHost.Cookies(response).Keys.ShouldNotContain("__Host-aigc_session");
        AuthTestHost.Cookies(response).Keys.ShouldNotContain(InstanceAccessCookie.Name);
        (await WhoAmIAsync(cookies)).ShouldBe("u1abc");
    }

    [Fact]
    public async Task The_antiforgery_cookie_of_the_confirmation_page_is_host_prefixed()
    {
        var (cookies, _, _) = await SignOutFormAsync(_host, await _host.SignInAsAsync("u1abc", null, admin: false, Ct));

        var antiforgery = cookies["__Host-aigc_antiforgery"];
        antiforgery.Secure.ShouldBeTrue();
        antiforgery.HttpOnly.ShouldBeTrue();
        antiforgery.Path.ToString().ShouldBe("/");
        antiforgery.Domain.HasValue.ShouldBeFalse();
    }

    [Fact]
    public async Task A_sign_out_post_without_a_token_signs_nobody_out()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);
        var (withAntiforgeryCookie, _, _) = await SignOutFormAsync(_host, cookies);

        using var response = await PostSignOutAsync(_host, withAntiforgeryCookie, []);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        AuthTestHost.Cookies(response).Keys.ShouldNotContain("__Host-aigc_session");
        AuthTestHost.Cookies(response).Keys.ShouldNotContain(InstanceAccessCookie.Name);
        (await WhoAmIAsync(cookies)).ShouldBe("u1abc");
    }

    [Fact]
    public async Task A_sign_out_post_with_someone_elses_token_signs_nobody_out()
    {
        var victim = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);
        var (victimCookies, _, _) = await SignOutFormAsync(_host, victim);
        var (_, field, attackersToken) = await SignOutFormAsync(_host, await _host.SignInAsAsync("attacker", null, admin: false, Ct));

        using var response = await PostSignOutAsync(_host, victimCookies, new() { [field] = attackersToken });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await WhoAmIAsync(victim)).ShouldBe("u1abc");
    }

    [Fact]
    public async Task A_callback_with_a_forged_state_shows_the_readable_error_page()
    {
        using var response = await GetAsync(_host, "/sign-in-callback?code=abc&state=forged&iss=x");

        response.Headers.Location!.OriginalString.ShouldBe("/sign-in-error?reason=correlation");
    }

    [Fact]
    public async Task A_callback_reporting_access_denied_shows_the_readable_error_page()
    {
        using var response = await GetAsync(_host, "/sign-in-callback?error=access_denied&state=forged");

        response.Headers.Location!.OriginalString.ShouldStartWith("/sign-in-error?reason=");
    }

    [Fact]
    public async Task The_error_page_says_what_to_check_without_a_stack_trace()
    {
        using var response = await GetAsync(_host, "/sign-in-error?reason=invalid_client");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Logto:AppSecret");
        html.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task The_administrator_policy_admits_administrators()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: true, Ct);

        using var response = await GetAsync(_host, "/test/admin", cookies);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_administrator_policy_turns_other_users_away()
    {
        var cookies = await _host.SignInAsAsync("u1abc", null, admin: false, Ct);

        using var response = await GetAsync(_host, "/test/admin", cookies);

        response.Headers.Location!.AbsolutePath.ShouldBe("/access-denied");
    }
}
