using System.Globalization;
using AigcGateway.Web.Auth;
using Microsoft.Extensions.Primitives;

namespace AigcGateway.Web.ForwardAuth;

/// <summary>
/// The <c>Cookie</c> header <c>/auth</c> answers with on 200. Templates list <c>Cookie</c> in ingress-nginx's
/// <c>auth-response-headers</c>, so nginx replaces the request's Cookie header with this value (and sends none when
/// <c>/auth</c> sends none): the engine keeps its own cookies but never sees the gateway's, which it could replay
/// against the owner's other instances.
/// </summary>
public static class EngineCookieHeader
{
    /// <summary>The request's cookies (as sent, in order) without the gateway's; null when none remain.</summary>
    public static string? From(StringValues cookieHeaders)
    {
        var kept = new List<string>();
        foreach (var header in cookieHeaders)
        {
            foreach (var pair in (header ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (!IsGateways(equals < 0 ? pair : pair[..equals].TrimEnd()))
                {
                    kept.Add(pair);
                }
            }
        }

        return kept.Count == 0 ? null : string.Join("; ", kept);
    }

    /// <summary>The access cookie, and the session cookie with the chunks ASP.NET splits a large one into (<c>aigc_sessionC1</c>, ...).</summary>
    private static bool IsGateways(string name) =>
        name == InstanceAccessCookie.Name
        || name == GatewayAuthentication.SessionCookieName
        || (name.Length > GatewayAuthentication.SessionCookieName.Length + 1
            && name.StartsWith(GatewayAuthentication.SessionCookieName + "C", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(GatewayAuthentication.SessionCookieName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _));
}
