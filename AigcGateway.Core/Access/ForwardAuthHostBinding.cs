namespace AigcGateway.Core.Access;

/// <summary>
/// Binds the decision to the server block nginx chose. With an absolute-form request line
/// (<c>GET http://victim/ HTTP/1.1</c> + <c>Host: own</c>) ingress-nginx picks the server block, and so the upstream,
/// from the request line, while <c>X-Original-URL</c> is built from the Host header (kubernetes/ingress-nginx#5464).
/// Templates therefore call <c>/auth?host=$host</c>: nginx's <c>$host</c> is the server block's host, and it must be
/// the host of the original URL.
/// </summary>
public static class ForwardAuthHostBinding
{
    /// <summary>The query parameter of the <c>auth-url</c> that carries nginx's <c>$host</c>.</summary>
    public const string QueryParameter = "host";

    /// <summary>What templates append to the <c>auth-url</c>.</summary>
    public const string Query = "?" + QueryParameter + "=$host";

    /// <param name="boundHost">the values of the <c>host</c> query parameter</param>
    /// <param name="required">refuse requests without the parameter (<c>Gateway:RequireHostBinding</c>); otherwise they are decided without it, as before</param>
    public static bool Holds(IReadOnlyList<string> boundHost, ForwardAuthTarget target, bool required, out string reason)
    {
        ArgumentNullException.ThrowIfNull(boundHost);
        ArgumentNullException.ThrowIfNull(target);
        switch (boundHost.Count)
        {
            case 0:
                reason = required ? "the auth-url has no host=$host binding and Gateway:RequireHostBinding is on" : "";
                return !required;
            case > 1:
                reason = "the host parameter appears more than once";
                return false;
        }

        if (!ForwardAuthTarget.TryNormalizeHost(boundHost[0], out var host, out reason))
        {
            reason = "the host parameter is not a host name: " + reason;
            return false;
        }

        if (!string.Equals(host, target.Host, StringComparison.Ordinal))
        {
            reason = $"nginx chose the server block of {host} but the original URL names {target.Host} (an absolute-form request line)";
            return false;
        }

        return true;
    }
}
