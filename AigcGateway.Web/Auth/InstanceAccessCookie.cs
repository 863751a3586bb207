using System.Security.Cryptography;
using System.Text;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The cookie that proves a user's identity to <c>/auth</c> on instance hosts: scoped to the cookie domain, HttpOnly,
/// SameSite=Lax, carrying only the user id, e-mail and expiry, protected with a purpose-specific data protector.
/// Instance apps never see the dashboard session.
/// </summary>
public sealed class InstanceAccessCookie
{
    public const string Name = "aigc_access";
    public const string Purpose = "AigcGateway.InstanceAccess.v1";
    private const byte FormatVersion = 2;

    private readonly IDataProtector _protector;
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<GatewayOptions> _gateway;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AccessTicket> _decoded = new(StringComparer.Ordinal);
    private const int DecodedCapacity = 10_000;

    public InstanceAccessCookie(IDataProtectionProvider dataProtection, TimeProvider timeProvider, IOptions<GatewayOptions> gateway)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        _protector = dataProtection.CreateProtector(Purpose);
        _timeProvider = timeProvider;
        _gateway = gateway;
    }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>The protected cookie value for the user, valid for <see cref="Lifetime"/>.</summary>
    public string Protect(string userId, string? email, bool isAdministrator = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var expires = _timeProvider.GetUtcNow() + Lifetime;
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(userId);
            writer.Write(email ?? "");
            writer.Write(expires.ToUnixTimeMilliseconds());
            writer.Write(isAdministrator);
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    /// <summary>
    /// Reads a cookie value; false when it is missing, tampered with, from another purpose or expired. Values that
    /// decrypted once are remembered (bounded), so the forward-auth hot path decrypts each browser's cookie once
    /// rather than on every asset request; the expiry is still checked every time.
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
            var version = reader.ReadByte();
            if (version is not (1 or FormatVersion))
            {
                return false;
            }

            var userId = reader.ReadString();
            var email = reader.ReadString();
            var expires = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var isAdministrator = version >= 2 && reader.ReadBoolean();
            if (userId.Length == 0 || expires <= _timeProvider.GetUtcNow())
            {
                return false;
            }

            identity = new AccessTicket(userId, email.Length == 0 ? null : email, expires, isAdministrator);
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

    public void Append(HttpContext context, string userId, string? email, bool isAdministrator = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = CookieOptions(context);
        options.Expires = _timeProvider.GetUtcNow() + Lifetime;
        context.Response.Cookies.Append(Name, Protect(userId, email, isAdministrator), options);
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
