using System.Globalization;
using System.Text;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Decides where <c>/sign-in?rd=</c> may return: a local path, or an absolute http(s) URL whose host is the dashboard's
/// or lies inside the cookie domain. Everything else (other hosts, <c>//evil</c>, <c>/\evil</c>, <c>javascript:</c>,
/// user info in the authority, control characters, encoded slashes at the start) goes to <c>/</c>. What it returns is
/// plain ASCII (non-ASCII is percent-encoded, an IDN host punycoded) and at most <see cref="MaxLength"/> characters, so
/// it always fits in a <c>Location</c> header behind ingress-nginx.
/// </summary>
public static class ReturnUrlValidator
{
    public const string Fallback = "/";

    /// <summary>
    /// The longest target kept. The target travels in a <c>Location</c> header and, through sign-in, inside the OIDC
    /// <c>state</c> of the redirect to Logto next to the correlation and nonce cookies: ingress-nginx's default
    /// proxy-buffer-size of 4 KiB must hold all of it, or the browser gets 502.
    /// </summary>
    public const int MaxLength = 1024;

    private const int MaxInputLength = 4096;

    public static string Resolve(string? returnUrl, string dashboardHost, string? cookieDomain)
    {
        if (!PassesBasicChecks(returnUrl))
        {
            return Fallback;
        }

        if (returnUrl![0] == '/')
        {
            return LocalOrFallback(returnUrl);
        }

        if (!Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || returnUrl.Contains('@', StringComparison.Ordinal) && AuthorityOf(returnUrl).Contains('@', StringComparison.Ordinal)
            || !returnUrl.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase)
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return Fallback;
        }

        var host = (uri.HostNameType == UriHostNameType.Dns ? uri.IdnHost : uri.Host).ToLowerInvariant();
        if (!IsAllowedHost(host, dashboardHost, cookieDomain))
        {
            return Fallback;
        }

        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return Fit(EscapeNonAscii($"{uri.Scheme}://{host}{port}{uri.PathAndQuery}{uri.Fragment}"));
    }

    /// <summary>A path of this site only (the language switch's return target); anything else goes to <c>/</c>.</summary>
    public static string ResolveLocal(string? returnUrl) =>
        PassesBasicChecks(returnUrl) && returnUrl![0] == '/' ? LocalOrFallback(returnUrl) : Fallback;

    /// <summary>Percent-encodes (as UTF-8) every character outside printable ASCII.</summary>
    internal static string EscapeNonAscii(string value)
    {
        if (value.All(c => c is > ' ' and < (char)0x7F))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static bool PassesBasicChecks(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl.Length <= MaxInputLength
        // browsers drop tabs and newlines inside URLs and read "\" as "/", which turns harmless-looking input into
        // another host; nothing legitimate needs them
        && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\');

    private static string LocalOrFallback(string path) => IsSafeLocalPath(path) ? Fit(EscapeNonAscii(path)) : Fallback;

    private static string Fit(string target) => target.Length <= MaxLength ? target : Fallback;

    private static bool IsSafeLocalPath(string path)
    {
        if (path.Length > 1 && path[1] == '/')
        {
            return false;
        }

        // "/%2F/evil" or "/%5Cevil" become "//evil" in code that decodes once more
        var decoded = path;
        for (var i = 0; i < 3; i++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                break;
            }

            decoded = next;
        }

        return !(decoded.Length > 1 && (decoded[1] == '/' || decoded[1] == '\\'))
            && !decoded.Any(c => char.IsControl(c) || c == '\\');
    }

    private static bool IsAllowedHost(string host, string dashboardHost, string? cookieDomain)
    {
        if (host == dashboardHost.ToLowerInvariant())
        {
            return true;
        }

        var domain = cookieDomain?.Trim().TrimStart('.').ToLowerInvariant();
        return !string.IsNullOrEmpty(domain) && (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal));
    }

    private static string AuthorityOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var rest = url[(start + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        return end < 0 ? rest : rest[..end];
    }
}
