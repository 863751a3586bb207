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

    /// <summary>
    /// <c>true</c>: <c>/auth</c> refuses requests whose <c>auth-url</c> lacks the <c>?host=$host</c> binding (templates
    /// written before it); <c>false</c> (default): such requests are decided as before. Kept as text so that a value
    /// other than true/false is reported with the other configuration problems (<see cref="HostBindingRequired"/>).
    /// </summary>
    public string? RequireHostBinding { get; set; }

    /// <summary><see cref="RequireHostBinding"/> read as a boolean (false when not set or invalid).</summary>
    public bool HostBindingRequired => bool.TryParse(RequireHostBinding, out var required) && required;

    public string? DataProtectionKeysPath { get; set; }

    /// <summary>
    /// The certificate (PEM or PKCS#12, with its private key) that encrypts the cookie-protection keys at rest; none:
    /// the keys are stored unencrypted (see <see cref="Auth.GatewayDataProtection"/>).
    /// </summary>
    public string? DataProtectionCertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="DataProtectionCertificatePath"/> when it is a file of its own (tls.key).</summary>
    public string? DataProtectionCertificateKeyPath { get; set; }

    /// <summary>The password of a PKCS#12 file or an encrypted PEM key.</summary>
    public string? DataProtectionCertificatePassword { get; set; }

    /// <summary>The certificate used before a rotation: it only decrypts keys written before.</summary>
    public string? DataProtectionPreviousCertificatePath { get; set; }

    public string? DataProtectionPreviousCertificateKeyPath { get; set; }

    public string? DataProtectionPreviousCertificatePassword { get; set; }

    /// <summary>
    /// The longest a sign-in lasts however active the user is: the absolute expiry of the dashboard session and of every
    /// instance-access cookie minted from it (the dashboard session also ends after 12 h without use).
    /// </summary>
    public TimeSpan SessionMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Lifetime of an instance-access cookie; <c>/auth</c> renews it silently once a third of it has passed.</summary>
    public TimeSpan AccessCookieLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an administrator's status is trusted before the role is read again through the Management API.</summary>
    public TimeSpan AdminRecheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Addresses or CIDR ranges of the proxies (the ingress controller) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed; empty = loopback and the private ranges (<see cref="Security.TrustedProxies.Defaults"/>).
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

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
