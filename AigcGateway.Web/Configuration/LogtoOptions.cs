using AigcGateway.Core.Logto;

namespace AigcGateway.Web.Configuration;

/// <summary>The <c>Logto</c> section (docs/configuration.md).</summary>
public sealed class LogtoOptions
{
    public const string Section = "Logto";

    /// <summary>Logto's public URL (browser redirects).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Logto URL for server-to-server calls (token, userinfo, JWKS, Management API); defaults to <see cref="Endpoint"/>.</summary>
    public string? InternalEndpoint { get; set; }

    public string? AppId { get; set; }

    public string? AppSecret { get; set; }

    public string? M2MId { get; set; }

    public string? M2MSecret { get; set; }

    /// <summary>The post sign-out URI registered in Logto; defaults to <c>&lt;Gateway:PublicUrl&gt;/</c>.</summary>
    public string? PostLogoutRedirectUri { get; set; }

    public string? CaBundlePath { get; set; }

    /// <summary>The public endpoint without trailing slash.</summary>
    public Uri? PublicEndpoint => LogtoEndpoint.Normalise(Endpoint);

    /// <summary>The endpoint for server-to-server calls without trailing slash.</summary>
    public Uri? ServerEndpoint => LogtoEndpoint.Normalise(InternalEndpoint) ?? PublicEndpoint;

    public override string ToString() =>
        $"LogtoOptions {{ Endpoint = {Endpoint}, InternalEndpoint = {InternalEndpoint}, AppId = {AppId}, M2MId = {M2MId}, secrets = *** }}";
}
