namespace AigcGateway.Core.Logto;

/// <summary>Logto URLs built from an endpoint that operators often write with a trailing slash.</summary>
public static class LogtoEndpoint
{
    /// <summary>The endpoint as an absolute URI without trailing slash, or null when it is not an absolute http(s) URL.</summary>
    public static Uri? Normalise(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint)
            || !Uri.TryCreate(endpoint.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        return uri;
    }

    /// <summary><c>&lt;E&gt;/oidc</c>, the issuer.</summary>
    public static string Issuer(Uri endpoint) => Combine(endpoint, "oidc");

    /// <summary>Joins the endpoint (which may carry a path prefix) and a relative path.</summary>
    public static string Combine(Uri endpoint, string relative) =>
        endpoint.AbsoluteUri.TrimEnd('/') + "/" + relative.TrimStart('/');
}
