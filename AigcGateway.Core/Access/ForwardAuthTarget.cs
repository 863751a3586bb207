using System.Globalization;
using System.Text;

namespace AigcGateway.Core.Access;

/// <summary>
/// The address a browser asked ingress-nginx for, normalised so that every spelling of one address compares equal
/// and nothing ambiguous gets through: lower-case ASCII host without port or trailing dot, and a decoded path with dot
/// segments resolved and repeated slashes merged (as nginx does). Anything that is not an absolute-form request target
/// (whitespace, comma-joined lists, raw non-ASCII, characters outside RFC 3986, an empty host) and anything an
/// upstream could read differently (user-info, encoded slashes or backslashes, double encoding, control characters,
/// paths above the root) is refused.
/// </summary>
public sealed record ForwardAuthTarget(string Host, string Path)
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>
    /// Reads the original URL as ingress-nginx sends it (<c>X-Original-URL</c>), or else from
    /// <c>X-Forwarded-Host</c> + <c>X-Forwarded-Uri</c>. Each header must appear exactly once.
    /// </summary>
    public static bool TryFromHeaders(
        IReadOnlyList<string> originalUrl,
        IReadOnlyList<string> forwardedHost,
        IReadOnlyList<string> forwardedUri,
        out ForwardAuthTarget? target,
        out string reason)
    {
        target = null;
        if (originalUrl.Count > 1)
        {
            reason = "X-Original-URL appears more than once";
            return false;
        }

        if (originalUrl.Count == 1)
        {
            return TryParse(originalUrl[0], out target, out reason);
        }

        if (forwardedHost.Count != 1 || forwardedUri.Count > 1)
        {
            reason = forwardedHost.Count == 0 ? "no X-Original-URL or X-Forwarded-Host header" : "X-Forwarded-Host or X-Forwarded-Uri appears more than once";
            return false;
        }

        var uri = forwardedUri.Count == 1 ? forwardedUri[0] : "/";
        if (!uri.StartsWith('/'))
        {
            reason = "X-Forwarded-Uri does not start with /";
            return false;
        }

        if (!HasOnlyTargetCharacters(forwardedHost[0], "X-Forwarded-Host", out reason) || !HasOnlyTargetCharacters(uri, "X-Forwarded-Uri", out reason))
        {
            return false;
        }

        return TryCreate(forwardedHost[0], uri, out target, out reason);
    }

    /// <summary>Parses an absolute http(s) URL.</summary>
    public static bool TryParse(string? url, out ForwardAuthTarget? target, out string reason)
    {
        target = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            reason = "the original URL is empty";
            return false;
        }

        if (!HasOnlyTargetCharacters(url, "the original URL", out reason))
        {
            return false;
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd] : "";
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            reason = "the original URL is not an absolute http(s) URL";
            return false;
        }

        var rest = url[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var pathAndQuery = authorityEnd < 0 ? "/" : rest[authorityEnd..];
        if (pathAndQuery[0] != '/')
        {
            pathAndQuery = "/" + pathAndQuery;
        }

        return TryCreate(authority, pathAndQuery, out target, out reason);
    }

    private static bool TryCreate(string authority, string pathAndQuery, out ForwardAuthTarget? target, out string reason)
    {
        target = null;
        if (!TryNormalizeHost(authority, out var host, out reason))
        {
            return false;
        }

        var pathEnd = pathAndQuery.IndexOfAny(['?', '#']);
        var rawPath = pathEnd < 0 ? pathAndQuery : pathAndQuery[..pathEnd];
        if (!TryNormalizePath(rawPath, out var path, out reason))
        {
            return false;
        }

        target = new ForwardAuthTarget(host, path);
        return true;
    }

    /// <summary>Host (optionally with port) to lower-case ASCII without port and trailing dot.</summary>
    public static bool TryNormalizeHost(string authority, out string host, out string reason)
    {
        host = "";
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            reason = "the original URL carries user information";
            return false;
        }

        var name = authority;
        if (name.StartsWith('['))
        {
            reason = "IP literal hosts are not instance hosts";
            return false;
        }

        var colon = name.LastIndexOf(':');
        if (colon >= 0)
        {
            var port = name[(colon + 1)..];
            if (port.Length > 0 && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535))
            {
                reason = "the port is not a number";
                return false;
            }

            name = name[..colon];
        }

        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (name.Length == 0 || name.Length > 253)
        {
            reason = "the host is empty or too long";
            return false;
        }

        foreach (var c in name)
        {
            if (c <= ' ' || c == '%' || c == '\\' || c == '/' || c == '_' || c == 0x7f)
            {
                reason = "the host contains a character that is not allowed in host names";
                return false;
            }
        }

        try
        {
            name = Idn.GetAscii(name);
        }
        catch (ArgumentException)
        {
            reason = "the host is not a valid (internationalised) domain name";
            return false;
        }

        host = name.ToLowerInvariant();
        reason = "";
        return true;
    }

    /// <summary>Decodes and resolves a path; refuses anything an upstream could read differently.</summary>
    public static bool TryNormalizePath(string rawPath, out string path, out string reason)
    {
        path = "/";
        if (!rawPath.StartsWith('/'))
        {
            reason = "the path does not start with /";
            return false;
        }

        var decoded = new StringBuilder(rawPath.Length);
        for (var i = 0; i < rawPath.Length; i++)
        {
            var c = rawPath[i];
            if (c == '%')
            {
                if (i + 2 >= rawPath.Length || !IsHex(rawPath[i + 1]) || !IsHex(rawPath[i + 2]))
                {
                    reason = "the path has a broken percent-encoding";
                    return false;
                }

                var b = Convert.ToByte(rawPath.Substring(i + 1, 2), 16);
                if (b is (byte)'/' or (byte)'\\' or (byte)'%' or < 0x20 or 0x7f)
                {
                    reason = "the path encodes a slash, backslash, percent sign or control character";
                    return false;
                }

                decoded.Append((char)b);
                i += 2;
                continue;
            }

            if (c == '\\' || char.IsControl(c))
            {
                reason = "the path contains a backslash or control character";
                return false;
            }

            decoded.Append(c);
        }

        var segments = new List<string>();
        foreach (var segment in decoded.ToString().Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        reason = "the path climbs above the root";
                        return false;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    continue;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        path = "/" + string.Join('/', segments);
        reason = "";
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>
    /// Only the characters of an RFC 9112 absolute-form request target (RFC 3986 absolute-URI: unreserved, sub-delims,
    /// <c>:</c>, <c>@</c>, <c>/</c>, <c>?</c> and <c>%</c> escapes; no fragment), and not a comma-joined list of URLs.
    /// nginx builds <c>X-Original-URL</c> from the raw request line, so anything else was sent on purpose: whitespace
    /// (a proxy's <c>", "</c> between joined headers), raw non-ASCII, quotes, brackets.
    /// </summary>
    private static bool HasOnlyTargetCharacters(string text, string what, out string reason)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || TargetPunctuation.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            reason = c switch
            {
                ' ' or '\t' => $"{what} contains whitespace (a comma-joined list of URLs?)",
                < ' ' or '\x7f' => $"{what} contains a control character",
                > '\x7f' => $"{what} contains a raw non-ASCII character (browsers send it percent-encoded)",
                '#' => $"{what} contains a fragment, which no request target has",
                _ => $"{what} contains '{c}', which RFC 3986 does not allow unencoded",
            };
            return false;
        }

        if (text.Contains(",http://", StringComparison.OrdinalIgnoreCase) || text.Contains(",https://", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"{what} is a comma-joined list of URLs";
            return false;
        }

        reason = "";
        return true;
    }

    private const string TargetPunctuation = "-._~!$&'()*+,;=:@/?%";
}
