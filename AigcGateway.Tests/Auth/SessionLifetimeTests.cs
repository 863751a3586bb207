using System.Net;
using System.Security.Claims;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Tests.Logto;
using AigcGateway.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;

namespace AigcGateway.Tests.Auth;

/// <summary>The dashboard session and its access cookies: one session id, an absolute end, revocation, renewal.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SessionLifetimeTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly InMemoryLogtoUsers _logto = new InMemoryLogtoUsers().With("u1abc");
    private AuthTestHost? _host;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task<AuthTestHost> StartAsync(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = GatewayConfigurationTests.ValidSettings();
        change?.Invoke(settings);
        _host = await AuthTestHost.StartAsync(settings, _logto, Ct, _time);
        return _host;
    }

    private AccessTicket Ticket(AuthTestHost host, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        host.Services.GetRequiredService<InstanceAccessCookie>().TryRead(cookies[InstanceAccessCookie.Name].Value.ToString(), out var ticket).ShouldBeTrue();
        return ticket;
    }

    private static async Task<(string Who, IReadOnlyDictionary<string, SetCookieHeaderValue> Set)> WhoAsync(
        AuthTestHost host, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies, string path = "/test/me")
    {
        using var response = await host.Client.SendAsync(AuthTestHost.Get(path, cookies), Ct);
        return (await response.Content.ReadAsStringAsync(Ct), AuthTestHost.Cookies(response));
    }

    /// <summary><c>/sign-in</c> with the dashboard session only (the access cookie expired): the access cookie it mints.</summary>
    private async Task<(AccessTicket Ticket, SetCookieHeaderValue Cookie)> SignInFromSessionAsync(
        AuthTestHost host, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        using var response = await host.Client.SendAsync(
            AuthTestHost.Get("/sign-in?rd=%2F", cookies.Where(c => c.Key != InstanceAccessCookie.Name).ToDictionary()), Ct);
        var set = AuthTestHost.Cookies(response);
        return (Ticket(host, set), set[InstanceAccessCookie.Name]);
    }

    private static Dictionary<string, SetCookieHeaderValue> Merge(IReadOnlyDictionary<string, SetCookieHeaderValue> cookies, IReadOnlyDictionary<string, SetCookieHeaderValue> set)
    {
        var merged = new Dictionary<string, SetCookieHeaderValue>(cookies);
        foreach (var (name, value) in set)
        {
            merged[name] = value;
        }

        return merged;
    }

    [Fact]
    public async Task Signing_in_starts_a_session_whose_id_and_end_the_short_lived_access_cookie_carries()
    {
        var host = await StartAsync();

        var ticket = Ticket(host, await host.SignInAsAsync("u1abc", "alice@example.test", admin: false, Ct));

        ticket.SessionId.Length.ShouldBeGreaterThanOrEqualTo(22);
        ticket.SessionExpiresAt.ShouldBe(_time.GetUtcNow().AddDays(7), TimeSpan.FromSeconds(1));
        ticket.IssuedAt.ShouldBe(_time.GetUtcNow(), TimeSpan.FromSeconds(1));
        ticket.ExpiresAt.ShouldBe(_time.GetUtcNow().AddMinutes(15), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Two_sign_ins_are_two_sessions()
    {
        var host = await StartAsync();

        var first = Ticket(host, await host.SignInAsAsync("u1abc", null, admin: false, Ct));
        var second = Ticket(host, await host.SignInAsAsync("u1abc", null, admin: false, Ct));

        first.SessionId.ShouldNotBe(second.SessionId);
    }

    [Fact]
    public async Task Sign_in_from_a_live_session_mints_an_access_cookie_of_the_same_session()
    {
        var host = await StartAsync();
        var cookies = await host.SignInAsAsync("u1abc", null, admin: false, Ct);
        var original = Ticket(host, cookies);
        _time.Advance(TimeSpan.FromHours(1));

        var (minted, _) = await SignInFromSessionAsync(host, cookies);

        minted.SessionId.ShouldBe(original.SessionId);
        minted.SessionExpiresAt.ShouldBe(original.SessionExpiresAt);
        minted.IssuedAt.ShouldBe(_time.GetUtcNow(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_revoked_session_cookie_signs_nobody_in_and_is_cleared()
    {
        var host = await StartAsync();
        var cookies = await host.SignInAsAsync("u1abc", null, admin: false, Ct);
        host.Revocations.Revoked[Ticket(host, cookies).SessionId] = _time.GetUtcNow().AddDays(7);

        var (who, set) = await WhoAsync(host, cookies);

        who.ShouldBe("anonymous");
        set[GatewayAuthentication.SecureSessionCookieName].Expires!.Value.ShouldBeLessThan(_time.GetUtcNow());
    }

    [Fact]
    public async Task The_session_ends_at_its_absolute_expiry_however_active_the_user()
    {
        var host = await StartAsync(s => s["Gateway:SessionMaxAge"] = "02:00:00");
        var cookies = await host.SignInAsAsync("u1abc", null, admin: false, Ct);

        _time.Advance(TimeSpan.FromMinutes(119));
        var (stillThere, renewed) = await WhoAsync(host, cookies);
        stillThere.ShouldBe("u1abc");
        _time.Advance(TimeSpan.FromMinutes(2));
        var (after, _) = await WhoAsync(host, Merge(cookies, renewed));

        after.ShouldBe("anonymous");
    }

    [Fact]
    public async Task An_access_cookie_minted_near_the_sessions_end_ends_with_the_session()
    {
        var host = await StartAsync(s => s["Gateway:SessionMaxAge"] = "01:00:00");
        var cookies = await host.SignInAsAsync("u1abc", null, admin: false, Ct);
        var session = Ticket(host, cookies);
        _time.Advance(TimeSpan.FromMinutes(55));

        var (minted, cookie) = await SignInFromSessionAsync(host, cookies);

        minted.ExpiresAt.ShouldBe(session.SessionExpiresAt);
        cookie.Expires!.Value.ShouldBe(session.SessionExpiresAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_dashboard_session_from_before_sessions_had_ids_is_refused()
    {
        var host = await StartAsync();
        var options = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(GatewayAuthentication.CookieScheme);
        var identity = new ClaimsIdentity([new Claim(GatewayClaims.Subject, "u1abc"), new Claim(GatewayClaims.Name, "u1abc")], GatewayAuthentication.CookieScheme, GatewayClaims.Name, GatewayClaims.Roles);
        var old = options.TicketDataFormat.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), GatewayAuthentication.CookieScheme));

        (await host.WhoAmIAsync($"{GatewayAuthentication.SecureSessionCookieName}={old}", Ct)).ShouldBe("anonymous");
    }

    [Fact]
    public async Task Signing_out_revokes_the_session_so_replayed_cookies_sign_nobody_in()
    {
        var host = await StartAsync();
        var browser = new GatewaySignIn(host.Client);
        foreach (var (name, cookie) in await host.SignInAsAsync("u1abc", null, admin: false, Ct))
        {
            browser.Cookies[name] = cookie;
        }

        var captured = new Dictionary<string, SetCookieHeaderValue>(browser.Cookies);

        using var signedOut = await browser.SignOutAsync();

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        host.Revocations.IsRevoked(Ticket(host, captured).SessionId).ShouldBeTrue();
        (await WhoAsync(host, captured)).Who.ShouldBe("anonymous");
    }

    [Fact]
    public async Task An_administrator_whose_role_was_removed_loses_the_administrator_pages_within_the_recheck_interval()
    {
        var host = await StartAsync();
        _logto.Roles["u1abc"] = ["aigc-admin"];
        var cookies = new Dictionary<string, SetCookieHeaderValue>(await host.SignInAsAsync("u1abc", null, admin: true, Ct));
        (await WhoAsync(host, cookies, "/test/admin")).Who.ShouldBe("admin page");

        _logto.Roles["u1abc"] = [];
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        await Eventually.HoldsAsync(async () =>
        {
            using var response = await host.Client.SendAsync(AuthTestHost.Get("/test/admin", cookies), Ct);
            foreach (var (name, cookie) in AuthTestHost.Cookies(response))
            {
                cookies[name] = cookie;
            }

            return response.Headers.Location?.AbsolutePath == "/access-denied";
        }, "the administrator pages turn her away", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task While_logto_cannot_be_asked_an_administrator_keeps_the_administrator_pages()
    {
        var host = await StartAsync();
        _logto.Roles["u1abc"] = ["aigc-admin"];
        var cookies = await host.SignInAsAsync("u1abc", null, admin: true, Ct);
        _logto.FailWith = AigcGateway.Core.Logto.LogtoOutcome.Unavailable;
        _time.Advance(TimeSpan.FromMinutes(6));
        var admins = host.Services.GetRequiredService<AdministratorStatus>();
        (await WhoAsync(host, cookies, "/test/admin")).Who.ShouldBe("admin page");

        await Eventually.HoldsAsync(() => admins.Known("u1abc").Fresh, "the failed re-check is recorded", TimeSpan.FromSeconds(10));

        (await WhoAsync(host, cookies, "/test/admin")).Who.ShouldBe("admin page");
    }
}
