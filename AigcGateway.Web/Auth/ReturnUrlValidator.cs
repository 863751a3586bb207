namespace AigcGateway.Web.Auth;

/// <summary>
/// Decides where <c>/sign-in?rd=</c> may return: a local path, or an absolute http(s) URL whose host is the dashboard's
/// or lies inside the cookie domain. Everything else (other hosts, <c>//evil</c>, <c>/\evil</c>, <c>javascript:</c>,
/// user info in the authority, control characters, encoded slashes at the start) goes to <c>/</c>.
/// </summary>
public static class ReturnUrlValidator
{
    public const string Fallback = "/";

    public static string Resolve(string? returnUrl, string dashboardHost, string? cookieDomain)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 4096)
        {
            return Fallback;
        }

        // browsers drop tabs and newlines inside URLs and read "\" as "/", which turns harmless-looking input into
        // another host; nothing legitimate needs them
        if (returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
        {
            return Fallback;
        }

        if (returnUrl[0] == '/')
        {
            return IsSafeLocalPath(returnUrl) ? returnUrl : Fallback;
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

        var host = uri.IdnHost.ToLowerInvariant();
        return IsAllowedHost(host, dashboardHost, cookieDomain) ? uri.AbsoluteUri : Fallback;
    }

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
