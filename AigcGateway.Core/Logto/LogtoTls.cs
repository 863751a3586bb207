using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AigcGateway.Core.Logto;

/// <summary>
/// HTTP handlers for calls to Logto. Certificates are always verified: by the system trust store, and, when a CA bundle
/// is configured, additionally by a chain built with only the bundle's certificates as roots.
/// </summary>
internal static class LogtoTls
{
    public static SocketsHttpHandler CreateHandler(string? caBundlePath)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (!string.IsNullOrWhiteSpace(caBundlePath))
        {
            var roots = LoadBundle(caBundlePath);
            handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, chain, errors) => Validate(certificate, chain, errors, roots);
        }

        return handler;
    }

    public static X509Certificate2Collection LoadBundle(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"The CA bundle '{path}' contains no PEM certificate.");
        }

        return roots;
    }

    /// <summary>
    /// Accepts a certificate the system trusts, or one whose only problem is an untrusted chain that builds to a root
    /// of the bundle. Name mismatches and missing certificates are always refused.
    /// </summary>
    public static bool Validate(X509Certificate? certificate, X509Chain? serverChain, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (serverChain is not null)
        {
            foreach (var element in serverChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
