namespace AigcGateway.Web.Configuration;

/// <summary>The <c>Gateway</c> section (docs/configuration.md).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The dashboard's public URL, e.g. <c>https://dashboard.example.com</c>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Parent domain shared by the dashboard and the instance hosts, e.g. <c>.example.com</c>.</summary>
    public string? CookieDomain { get; set; }

    public List<string> Namespaces { get; set; } = [];

    public Dictionary<string, string> TemplateLabels { get; set; } = [];

    public string ConfigFile { get; set; } = "/etc/config/config.json";

    public string AdminRole { get; set; } = "aigc-admin";

    /// <summary>Extra administrators by Logto user id or e-mail.</summary>
    public List<string> AdminUsers { get; set; } = [];

    public bool AllowAdminInstanceAccess { get; set; }

    public string? DataProtectionKeysPath { get; set; }

    /// <summary><see cref="PublicUrl"/> parsed, without trailing slash; null when missing or invalid.</summary>
    public Uri? PublicUri => Uri.TryCreate(PublicUrl?.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    /// <summary>
    /// <see cref="CookieDomain"/> without the leading dot, lower case; null when not set, or when it is an IP address or
    /// <c>localhost</c>: browsers share no cookie across such hosts, so cookies are host-only.
    /// </summary>
    public string? CookieDomainName => string.IsNullOrWhiteSpace(CookieDomain) || IsHostOnly(CookieDomain.Trim().TrimStart('.'))
        ? null
        : CookieDomain.Trim().TrimStart('.').ToLowerInvariant();

    /// <summary>An IP address or <c>localhost</c>: a host whose cookies cannot be shared with other hosts.</summary>
    public static bool IsHostOnly(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _);
    }
}
