using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The cookie that proves a user's identity to <c>/auth</c> on instance hosts: scoped to the cookie domain, HttpOnly,
/// SameSite=Lax, protected with a purpose-specific data protector, carrying only the user id, e-mail, the sign-in
/// session it belongs to (so sign-out revokes it) and its times. It lives <c>Gateway:AccessCookieLifetime</c> (15 min)
/// and is renewed silently by <c>/auth</c>, never past the session's end. Instance apps never see the dashboard session.
/// </summary>
public sealed class InstanceAccessCookie
{
    public const string Name = "aigc_access";
    public const string Purpose = "AigcGateway.InstanceAccess.v1";

    /// <summary>
    /// 3 adds the session id, the session's end, the minting time and e-mail verification. Earlier versions carry no
    /// session, so nothing could revoke them: they are refused, and the browser is sent through <c>/sign-in</c> once.
    /// </summary>
    private const byte FormatVersion = 3;

    private readonly IDataProtector _protector;
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<GatewayOptions> _gateway;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AccessTicket> _decoded = new(StringComparer.Ordinal);
    private const int DecodedCapacity = 10_000;
    private readonly TimeSpan? _lifetime;

    public InstanceAccessCookie(IDataProtectionProvider dataProtection, TimeProvider timeProvider, IOptions<GatewayOptions> gateway)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        _protector = dataProtection.CreateProtector(Purpose);
        _timeProvider = timeProvider;
        _gateway = gateway;
    }

    /// <summary>How long a freshly minted cookie lasts (<c>Gateway:AccessCookieLifetime</c> unless set).</summary>
    public TimeSpan Lifetime
    {
        get => _lifetime ?? _gateway.Value.AccessCookieLifetime;
        init => _lifetime = value;
    }

    /// <summary>A ticket minted now for the session: valid for <see cref="Lifetime"/>, but never past the session's end.</summary>
    public AccessTicket Issue(string userId, string? email, bool isAdministrator, string sessionId, DateTimeOffset sessionExpiresAt, bool emailVerified = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var now = Milliseconds(_timeProvider.GetUtcNow());
        var sessionEnd = Milliseconds(sessionExpiresAt);
        var expires = now + Lifetime;
        return new AccessTicket(userId, string.IsNullOrEmpty(email) ? null : email, expires < sessionEnd ? expires : sessionEnd, isAdministrator)
        {
            SessionId = sessionId,
            SessionExpiresAt = sessionEnd,
            IssuedAt = now,
            EmailVerified = emailVerified,
        };
    }

    /// <summary>A ticket for the dashboard session <paramref name="principal"/> (same session id and end); null without one.</summary>
    public AccessTicket? IssueFor(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst(GatewayClaims.Subject)?.Value is { Length: > 0 } userId && SessionClaims.Of(principal) is { } session
            ? Issue(userId, principal.FindFirst(GatewayClaims.Email)?.Value, principal.HasClaim(GatewayClaims.Administrator, "true"),
                session.Id, session.ExpiresAt, principal.VerifiedEmail() is not null)
            : null;
    }

    /// <summary>The protected cookie value of a ticket.</summary>
    public string Protect(AccessTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(ticket.UserId);
            writer.Write(ticket.Email ?? "");
            writer.Write(ticket.ExpiresAt.ToUnixTimeMilliseconds());
            writer.Write(ticket.IsAdministrator);
            writer.Write(ticket.SessionId);
            writer.Write(ticket.SessionExpiresAt.ToUnixTimeMilliseconds());
            writer.Write(ticket.IssuedAt.ToUnixTimeMilliseconds());
            writer.Write(ticket.EmailVerified);
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    /// <summary>The protected value of a ticket for a new session of its own (<c>Gateway:SessionMaxAge</c> from now).</summary>
    public string Protect(string userId, string? email, bool isAdministrator = false) =>
        Protect(Issue(userId, email, isAdministrator, SessionClaims.NewId(), _timeProvider.GetUtcNow() + _gateway.Value.SessionMaxAge));

    /// <summary>
    /// Reads a cookie value; false when it is missing, tampered with, from another purpose or an earlier format, or
    /// expired (itself or its session). Values that decrypted once are remembered (bounded), so the forward-auth hot
    /// path decrypts each browser's cookie once rather than on every asset request; expiry is still checked every time.
    /// Whether the session was signed out is for the caller to ask (<see cref="InstanceAccessSession"/>).
    /// </summary>
    public bool TryRead(string? cookieValue, out AccessTicket identity)
    {
        identity = null!;
        if (string.IsNullOrEmpty(cookieValue) || cookieValue.Length > 4096)
        {
            return false;
        }

        if (_decoded.TryGetValue(cookieValue, out var known))
        {
            if (known.ExpiresAt > _timeProvider.GetUtcNow())
            {
                identity = known;
                return true;
            }

            _decoded.TryRemove(cookieValue, out _);
            return false;
        }

        if (!TryUnprotect(cookieValue, out identity))
        {
            return false;
        }

        if (_decoded.Count >= DecodedCapacity)
        {
            _decoded.Clear();
        }

        _decoded[cookieValue] = identity;
        return true;
    }

    private bool TryUnprotect(string cookieValue, out AccessTicket identity)
    {
        identity = null!;

        try
        {
            var payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(cookieValue));
            using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
            {
                return false;
            }

            var userId = reader.ReadString();
            var email = reader.ReadString();
            var expires = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var isAdministrator = reader.ReadBoolean();
            var sessionId = reader.ReadString();
            var sessionExpires = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var issued = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var emailVerified = reader.ReadBoolean();
            if (userId.Length == 0 || sessionId.Length == 0 || expires <= _timeProvider.GetUtcNow() || expires > sessionExpires)
            {
                return false;
            }

            identity = new AccessTicket(userId, email.Length == 0 ? null : email, expires, isAdministrator)
            {
                SessionId = sessionId,
                SessionExpiresAt = sessionExpires,
                IssuedAt = issued,
                EmailVerified = emailVerified,
            };
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or IOException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Reads the cookie from a request (the forward-auth subrequest carries the instance host's cookies).</summary>
    public bool TryRead(HttpRequest request, out AccessTicket identity)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TryRead(request.Cookies[Name], out identity);
    }

    /// <summary>Sets the cookie for <paramref name="ticket"/>, expiring with it.</summary>
    public void Append(HttpContext context, AccessTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ticket);
        var options = CookieOptions(context);
        options.Expires = ticket.ExpiresAt;
        context.Response.Cookies.Append(Name, Protect(ticket), options);
    }

    public void Delete(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Name, CookieOptions(context));
    }

    private CookieOptions CookieOptions(HttpContext context)
    {
        var gateway = _gateway.Value;
        return new CookieOptions
        {
            Domain = CookieDomainFor(gateway, context.Request.Host.Host),
            Path = "/",
            HttpOnly = true,
            Secure = GatewayAuthentication.IsHttps(gateway, context.Request),
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        };
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <summary>The configured cookie domain when the request host lies inside it; otherwise host-only (demo, localhost).</summary>
    private static string? CookieDomainFor(GatewayOptions gateway, string requestHost)
    {
        var domain = gateway.CookieDomainName;
        if (domain is null || domain == "localhost")
        {
            return null;
        }

        var host = requestHost.ToLowerInvariant();
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal) ? "." + domain : null;
    }
}
