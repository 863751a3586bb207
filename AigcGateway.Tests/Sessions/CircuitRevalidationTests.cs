using System.Security.Claims;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Sessions;

/// <summary>
/// An open dashboard (a Blazor circuit) keeps the user it started with unless something re-checks it: a revoked or
/// expired session loses its user within seconds, and a removed administrator role takes the administrator pages away.
/// </summary>
public sealed class CircuitRevalidationTests : IDisposable
{
    private readonly SessionTestKit _kit = new();
    private readonly SessionRevalidatingStateProvider _provider;
    private readonly List<ClaimsPrincipal> _changes = [];

    public CircuitRevalidationTests()
    {
        _provider = new SessionRevalidatingStateProvider(_kit.Sessions, _kit.Admins, _kit.Time, NullLogger<SessionRevalidatingStateProvider>.Instance);
        _provider.AuthenticationStateChanged += async state =>
        {
            var user = (await state).User;
            lock (_changes)
            {
                _changes.Add(user);
            }
        };
    }

    public void Dispose() => _provider.Dispose();

    /// <summary>The circuit starts with <paramref name="user"/> (the framework hands it over; that is not a change to count).</summary>
    private void Open(ClaimsPrincipal user)
    {
        _provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        lock (_changes)
        {
            _changes.Clear();
        }
    }

    private async Task<ClaimsPrincipal> NextChangeAsync()
    {
        await Eventually.HoldsAsync(() => { lock (_changes) { return _changes.Count > 0; } }, "the circuit's user changes", TimeSpan.FromSeconds(10));
        lock (_changes)
        {
            return _changes[^1];
        }
    }

    [Fact]
    public async Task A_revoked_session_loses_its_user_at_the_next_check()
    {
        Open(_kit.Principal("alice", "s-alice"));
        _kit.Revocations.Revoked["s-alice"] = _kit.Time.GetUtcNow().AddDays(1);

        _kit.Time.Advance(SessionRevalidatingStateProvider.Interval);

        (await NextChangeAsync()).Identity!.IsAuthenticated.ShouldBeFalse();
    }

    [Fact]
    public async Task A_session_past_its_absolute_end_loses_its_user()
    {
        Open(_kit.Principal("alice", "s-alice", maxAge: TimeSpan.FromSeconds(3)));

        _kit.Time.Advance(SessionRevalidatingStateProvider.Interval);

        (await NextChangeAsync()).Identity!.IsAuthenticated.ShouldBeFalse();
    }

    [Fact]
    public async Task A_current_session_keeps_its_user_and_a_current_administrator_the_mark()
    {
        _kit.Logto.Roles["root"] = ["aigc-admin"];
        Open(_kit.Principal("root", "s-root", admin: true));

        _kit.Time.Advance(SessionRevalidatingStateProvider.Interval);
        await Eventually.HoldsAsync(() => _kit.Admins.Known("root").Fresh, "the role was read again");

        _changes.ShouldBeEmpty();
        (await _provider.GetAuthenticationStateAsync()).User.HasClaim(GatewayClaims.Administrator, "true").ShouldBeTrue();
    }

    [Fact]
    public async Task An_administrator_whose_role_was_removed_keeps_the_session_but_not_the_administrator_mark()
    {
        _kit.Logto.Roles["root"] = [];
        Open(_kit.Principal("root", "s-root", admin: true));

        _kit.Time.Advance(SessionRevalidatingStateProvider.Interval);

        var user = await NextChangeAsync();
        user.Identity!.IsAuthenticated.ShouldBeTrue();
        user.FindFirst(GatewayClaims.Subject)!.Value.ShouldBe("root");
        user.HasClaim(GatewayClaims.Administrator, "true").ShouldBeFalse();
    }

    [Fact]
    public async Task While_logto_cannot_be_asked_the_administrator_mark_stays()
    {
        _kit.Logto.Roles["root"] = [];
        _kit.Logto.FailWith = AigcGateway.Core.Logto.LogtoOutcome.Unavailable;
        Open(_kit.Principal("root", "s-root", admin: true));

        _kit.Time.Advance(SessionRevalidatingStateProvider.Interval);
        await Eventually.HoldsAsync(() => _kit.Admins.Known("root").IsAdministrator == true, "the failed re-check keeps her status");

        _changes.ShouldBeEmpty();
        (await _provider.GetAuthenticationStateAsync()).User.HasClaim(GatewayClaims.Administrator, "true").ShouldBeTrue();
    }
}
