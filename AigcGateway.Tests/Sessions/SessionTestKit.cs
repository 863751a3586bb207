using System.Security.Claims;
using AigcGateway.Tests.Logto;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Sessions;

/// <summary>The session services of one replica over hand-written fakes and a fake clock.</summary>
internal sealed class SessionTestKit
{
    public SessionTestKit(GatewayOptions? gateway = null)
    {
        Gateway = gateway ?? new GatewayOptions { PublicUrl = "https://dashboard.example.test", CookieDomain = ".example.test" };
        var options = Options.Create(Gateway);
        Sessions = new SessionValidity(Revocations, Time);
        Admins = new AdministratorStatus(options, new ServiceCollection().AddSingleton<AigcGateway.Core.Logto.ILogtoUsers>(Logto).BuildServiceProvider(), Time,
            NullLogger<AdministratorStatus>.Instance);
        Cookie = new InstanceAccessCookie(new EphemeralDataProtectionProvider(), Time, options);
        Access = new InstanceAccessSession(Cookie, Sessions, Admins, options, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public InMemorySessionRevocations Revocations { get; } = new();

    public InMemoryLogtoUsers Logto { get; } = new InMemoryLogtoUsers().With("alice").With("root");

    public GatewayOptions Gateway { get; }

    public SessionValidity Sessions { get; }

    public AdministratorStatus Admins { get; }

    public InstanceAccessCookie Cookie { get; }

    public InstanceAccessSession Access { get; }

    /// <summary>A dashboard session's principal as sign-in leaves it.</summary>
    public ClaimsPrincipal Principal(string userId, string sessionId, bool admin = false, TimeSpan? maxAge = null)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(GatewayClaims.Subject, userId),
                new Claim(GatewayClaims.Name, userId),
                new Claim(GatewayClaims.SessionId, sessionId),
                new Claim(GatewayClaims.SessionExpires, Time.GetUtcNow().Add(maxAge ?? TimeSpan.FromDays(7)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            GatewayAuthentication.CookieScheme, GatewayClaims.Name, GatewayClaims.Roles);
        if (admin)
        {
            identity.AddClaim(new Claim(GatewayClaims.Administrator, "true"));
        }

        return new ClaimsPrincipal(identity);
    }
}
