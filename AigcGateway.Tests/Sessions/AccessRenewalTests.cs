using AigcGateway.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AigcGateway.Tests.Sessions;

/// <summary>
/// <c>/auth</c>'s side of the access cookie: refused once its session is revoked, renewed silently (same session, never
/// past its end) once a third of its 15 minutes has passed, with the administrator mark only from a current status.
/// </summary>
public sealed class AccessRenewalTests
{
    private readonly SessionTestKit _kit = new();

    private AccessTicket Issue(string userId = "alice", bool admin = false, TimeSpan? sessionLeft = null) =>
        _kit.Cookie.Issue(userId, userId + "@example.test", admin, "sess-" + userId, _kit.Time.GetUtcNow() + (sessionLeft ?? TimeSpan.FromDays(7)));

    private (DefaultHttpContext Context, bool Authenticated, AccessTicket Ticket) Authenticate(AccessTicket issued)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("dashboard.example.test");
        context.Request.Headers.Cookie = $"{InstanceAccessCookie.Name}={_kit.Cookie.Protect(issued)}";
        var authenticated = _kit.Access.TryAuthenticate(context.Request, out var ticket);
        return (context, authenticated, ticket);
    }

    private AccessTicket? Renewed(DefaultHttpContext context)
    {
        var set = context.Response.Headers.SetCookie;
        if (set.Count == 0)
        {
            return null;
        }

        set.Count.ShouldBe(1, "nginx forwards only the first Set-Cookie of /auth");
        var cookie = SetCookieHeaderValue.Parse(set[0]);
        cookie.Name.ToString().ShouldBe(InstanceAccessCookie.Name);
        _kit.Cookie.TryRead(cookie.Value.ToString(), out var ticket).ShouldBeTrue();
        return ticket;
    }

    [Fact]
    public void A_fresh_access_cookie_is_accepted_and_not_renewed()
    {
        var issued = Issue();
        _kit.Time.Advance(TimeSpan.FromMinutes(4));

        var (context, authenticated, ticket) = Authenticate(issued);
        _kit.Access.RenewIfDue(context, ticket);

        authenticated.ShouldBeTrue();
        Renewed(context).ShouldBeNull();
    }

    [Fact]
    public void An_access_cookie_past_a_third_of_its_life_is_renewed_for_the_same_session()
    {
        var issued = Issue();
        _kit.Time.Advance(TimeSpan.FromMinutes(6));

        var (context, _, ticket) = Authenticate(issued);
        _kit.Access.RenewIfDue(context, ticket);

        var renewed = Renewed(context).ShouldNotBeNull();
        renewed.SessionId.ShouldBe(issued.SessionId);
        renewed.SessionExpiresAt.ShouldBe(issued.SessionExpiresAt);
        renewed.IssuedAt.ShouldBe(_kit.Time.GetUtcNow());
        renewed.ExpiresAt.ShouldBe(_kit.Time.GetUtcNow().AddMinutes(15));
        renewed.UserId.ShouldBe("alice");
        renewed.Email.ShouldBe("alice@example.test");
    }

    [Fact]
    public void Renewal_never_reaches_past_the_sessions_end()
    {
        var issued = Issue(sessionLeft: TimeSpan.FromMinutes(20));
        _kit.Time.Advance(TimeSpan.FromMinutes(10));

        var (context, _, ticket) = Authenticate(issued);
        _kit.Access.RenewIfDue(context, ticket);

        Renewed(context).ShouldNotBeNull().ExpiresAt.ShouldBe(issued.SessionExpiresAt);
    }

    [Fact]
    public void An_access_cookie_of_a_revoked_session_is_refused()
    {
        var issued = Issue();
        _kit.Revocations.Revoked[issued.SessionId] = issued.SessionExpiresAt;

        Authenticate(issued).Authenticated.ShouldBeFalse();
    }

    [Fact]
    public void An_access_cookie_past_its_sessions_end_is_refused()
    {
        var issued = Issue(sessionLeft: TimeSpan.FromMinutes(10));
        _kit.Time.Advance(TimeSpan.FromMinutes(10));

        Authenticate(issued).Authenticated.ShouldBeFalse();
    }

    [Fact]
    public async Task Renewal_drops_the_administrator_mark_once_the_role_is_gone()
    {
        _kit.Gateway.AllowAdminInstanceAccess = true;
        _kit.Logto.Roles["root"] = [];
        var issued = Issue("root", admin: true);
        _kit.Time.Advance(TimeSpan.FromMinutes(6));
        (await _kit.Admins.CurrentAsync("root", null, current: true, Xunit.TestContext.Current.CancellationToken)).ShouldBeFalse();

        var (context, _, ticket) = Authenticate(issued);
        _kit.Access.RenewIfDue(context, ticket);

        Renewed(context).ShouldNotBeNull().IsAdministrator.ShouldBeFalse();
    }

    [Fact]
    public async Task An_administrators_cookie_is_renewed_only_once_the_role_has_been_checked_again()
    {
        _kit.Gateway.AllowAdminInstanceAccess = true;
        _kit.Logto.Roles["root"] = ["aigc-admin"];
        var issued = Issue("root", admin: true);
        _kit.Time.Advance(TimeSpan.FromMinutes(6));

        var (first, _, ticket) = Authenticate(issued);
        _kit.Access.RenewIfDue(first, ticket);
        Renewed(first).ShouldBeNull("nothing current is known about the role on this replica yet");
        await Infrastructure.Eventually.HoldsAsync(() => _kit.Admins.Known("root").Fresh, "the role was read again");

        var (second, _, again) = Authenticate(issued);
        _kit.Access.RenewIfDue(second, again);

        Renewed(second).ShouldNotBeNull().IsAdministrator.ShouldBeTrue();
    }
}
