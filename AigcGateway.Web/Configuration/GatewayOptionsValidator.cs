using System.Security.Cryptography;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Configuration;

/// <summary>Validates both sections and lists every problem at once (each message names its key).</summary>
internal sealed class GatewayOptionsValidator(GatewayMode mode) : IValidateOptions<GatewayOptions>, IValidateOptions<LogtoOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>(mode.SourceProblems);
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            if (!mode.IsDemo)
            {
                errors.Add("Gateway:PublicUrl is required: the dashboard's public URL, e.g. https://dashboard.example.com (or the earlier gateway's Redirect_Url)");
            }
        }
        else if (options.PublicUri is not { } publicUri || publicUri.AbsolutePath != "/" || publicUri.Query.Length > 0 || publicUri.UserInfo.Length > 0)
        {
            errors.Add($"Gateway:PublicUrl '{options.PublicUrl}' must be an absolute http(s) URL without path or query, e.g. https://dashboard.example.com");
        }

        ValidateCookieDomain(options, errors);

        if (!string.IsNullOrWhiteSpace(options.RequireHostBinding) && !bool.TryParse(options.RequireHostBinding, out _))
        {
            errors.Add($"Gateway:RequireHostBinding '{options.RequireHostBinding}' must be true or false (true refuses templates whose auth-url lacks ?host=$host)");
        }

        if (string.IsNullOrWhiteSpace(options.AdminRole))
        {
            errors.Add("Gateway:AdminRole must not be empty (default aigc-admin)");
        }

        Within(errors, options.SessionMaxAge, "Gateway:SessionMaxAge", TimeSpan.FromHours(1), TimeSpan.FromDays(90), "7.00:00:00 (7 days)");
        Within(errors, options.AccessCookieLifetime, "Gateway:AccessCookieLifetime", TimeSpan.FromMinutes(1), TimeSpan.FromHours(12), "00:15:00 (15 minutes)");
        if (options.AccessCookieLifetime > options.SessionMaxAge)
        {
            errors.Add($"Gateway:AccessCookieLifetime ({options.AccessCookieLifetime}) must not be longer than Gateway:SessionMaxAge ({options.SessionMaxAge})");
        }

        Within(errors, options.AdminRecheckInterval, "Gateway:AdminRecheckInterval", TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), "00:05:00 (5 minutes)");
        foreach (var entry in options.TrustedProxies.Where(p => !Security.TrustedProxies.TryParse(p, out _)))
        {
            errors.Add($"Gateway:TrustedProxies entry '{entry}' is neither an IP address nor a CIDR range such as 10.0.0.0/8");
        }

        ValidateCertificate(errors, Auth.CertificateSettings.Current, options.DataProtectionCertificatePath, options.DataProtectionCertificateKeyPath, options.DataProtectionCertificatePassword);
        ValidateCertificate(errors, Auth.CertificateSettings.Previous, options.DataProtectionPreviousCertificatePath, options.DataProtectionPreviousCertificateKeyPath, options.DataProtectionPreviousCertificatePassword);
        if (string.IsNullOrWhiteSpace(options.DataProtectionCertificatePath) && !string.IsNullOrWhiteSpace(options.DataProtectionPreviousCertificatePath))
        {
            errors.Add($"{Auth.CertificateSettings.Previous.PathKey} is set without {Auth.CertificateSettings.Current.PathKey}: set the new certificate too (the previous one only decrypts keys written before a rotation)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The certificate can be read and has its private key (without it, keys would be written that nobody can read back).</summary>
    private static void ValidateCertificate(List<string> errors, Auth.CertificateSettings settings, string? path, string? keyPath, string? password)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        try
        {
            using var certificate = Auth.DataProtectionCertificate.Load(path, keyPath, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            errors.Add($"{settings.PathKey} '{path}' cannot be used to protect the cookie keys ({e.Message}): mount a PEM certificate with its private key ({settings.KeyPathKey} for a separate tls.key) or a PKCS#12 file ({settings.PasswordKey} for its password)");
        }
    }

    private static void Within(List<string> errors, TimeSpan value, string key, TimeSpan min, TimeSpan max, string example)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} '{value}' must be between {min} and {max}, e.g. {example}");
        }
    }

    public ValidateOptionsResult Validate(string? name, LogtoOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            errors.Add("Logto:Endpoint is required: Logto's public URL, e.g. https://logto.example.com (or the earlier gateway's Endpoint)");
        }
        else if (options.PublicEndpoint is null)
        {
            errors.Add($"Logto:Endpoint '{options.Endpoint}' must be an absolute http(s) URL");
        }

        if (!string.IsNullOrWhiteSpace(options.InternalEndpoint) && LogtoEndpoint.Normalise(options.InternalEndpoint) is null)
        {
            errors.Add($"Logto:InternalEndpoint '{options.InternalEndpoint}' must be an absolute http(s) URL, e.g. http://logto.logto.svc:3001");
        }

        Require(errors, options.AppId, "Logto:AppId", "App_Id", "the Traditional Web application's id");
        Require(errors, options.AppSecret, "Logto:AppSecret", "App_Secret", "the Traditional Web application's secret");
        Require(errors, options.M2MId, "Logto:M2MId", "M2M_Id", "the Machine-to-Machine application's id");
        Require(errors, options.M2MSecret, "Logto:M2MSecret", "M2M_Secret", "the Machine-to-Machine application's secret");

        if (!string.IsNullOrWhiteSpace(options.PostLogoutRedirectUri)
            && (!Uri.TryCreate(options.PostLogoutRedirectUri, UriKind.Absolute, out var postLogout)
                || (postLogout.Scheme != Uri.UriSchemeHttp && postLogout.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"Logto:PostLogoutRedirectUri '{options.PostLogoutRedirectUri}' must be an absolute http(s) URL (the post sign-out URI registered in Logto)");
        }

        if (!string.IsNullOrWhiteSpace(options.CaBundlePath))
        {
            if (!File.Exists(options.CaBundlePath))
            {
                errors.Add($"Logto:CaBundlePath '{options.CaBundlePath}' does not exist");
            }
            else
            {
                try
                {
                    LogtoTls.LoadBundle(options.CaBundlePath);
                }
                catch (Exception e) when (e is CryptographicException or InvalidOperationException or IOException)
                {
                    errors.Add($"Logto:CaBundlePath '{options.CaBundlePath}' is not a PEM certificate bundle: {e.Message}");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// A dashboard on a domain name needs the parent domain it shares with the instance hosts. On an IP address or
    /// localhost (a quick trial on one machine) cookies are host-only, so there is none to give (or only that host).
    /// </summary>
    private void ValidateCookieDomain(GatewayOptions options, List<string> errors)
    {
        var host = options.PublicUri?.Host;
        var hostOnly = host is not null && GatewayOptions.IsHostOnly(host);
        var raw = options.CookieDomain?.Trim().TrimStart('.');
        if (string.IsNullOrEmpty(raw))
        {
            if (!mode.IsDemo && !hostOnly)
            {
                errors.Add("Gateway:CookieDomain is required: the parent domain shared by the dashboard and the instance hosts, e.g. .example.com " +
                    "(for a trial on one machine, a Gateway:PublicUrl on an IP address or localhost needs none)");
            }

            return;
        }

        if (GatewayOptions.IsHostOnly(raw))
        {
            if (host is not null && !string.Equals(raw.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Gateway:CookieDomain '{options.CookieDomain}' is an IP address or localhost, which shares no cookie with other hosts: " +
                    $"leave it empty (host-only cookies for '{host}'), or use names such as dashboard.192.168.1.10.nip.io with .192.168.1.10.nip.io");
            }

            return;
        }

        if (hostOnly)
        {
            errors.Add($"Gateway:CookieDomain '{options.CookieDomain}' cannot hold the dashboard host '{host}', an IP address or localhost: " +
                "leave it empty (host-only cookies: instance hosts then need their own sign-in), or give the dashboard a name such as " +
                "dashboard.192.168.1.10.nip.io with Gateway:CookieDomain .192.168.1.10.nip.io");
        }
        else if (Uri.CheckHostName(raw) != UriHostNameType.Dns || !raw.Contains('.', StringComparison.Ordinal))
        {
            errors.Add($"Gateway:CookieDomain '{options.CookieDomain}' must be a domain name such as .example.com");
        }
        else if (host is not null && !HostInDomain(host, raw.ToLowerInvariant()))
        {
            errors.Add($"Gateway:CookieDomain '{options.CookieDomain}' must contain the dashboard host '{host}' (browsers refuse cookies for other domains)");
        }
    }

    internal static bool HostInDomain(string host, string domain)
    {
        host = host.ToLowerInvariant();
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
    }

    private static void Require(List<string> errors, string? value, string key, string legacy, string meaning)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required: {meaning} (or the earlier gateway's {legacy})");
        }
    }
}
