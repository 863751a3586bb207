using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Loads the certificate that encrypts the Data Protection keys at rest: a PKCS#12 file (.pfx/.p12, optional password)
/// or PEM (a certificate with its private key in the same file, or the key in a file of its own, as a Kubernetes TLS
/// Secret mounts <c>tls.crt</c> and <c>tls.key</c>).
/// </summary>
internal static class DataProtectionCertificate
{
    /// <exception cref="IOException">a file cannot be read</exception>
    /// <exception cref="UnauthorizedAccessException">a file cannot be read</exception>
    /// <exception cref="CryptographicException">not a certificate, a wrong password, or no private key</exception>
    public static X509Certificate2 Load(string path, string? keyPath, string? password)
    {
        var bytes = File.ReadAllBytes(path);
        var certificate = LooksLikePem(bytes)
            ? LoadPem(path, keyPath, password)
            : X509CertificateLoader.LoadPkcs12(bytes, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException($"{path} holds a certificate without its private key: the keys could be encrypted but never read back");
        }

        return certificate;
    }

    private static X509Certificate2 LoadPem(string path, string? keyPath, string? password)
    {
        var keyFile = string.IsNullOrWhiteSpace(keyPath) ? path : keyPath;
        if (!File.ReadAllText(keyFile).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            // the certificate alone: report the missing key rather than a parse error
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }

        return string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, keyFile)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyFile);
    }

    private static bool LooksLikePem(byte[] bytes) =>
        System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).Contains("-----BEGIN", StringComparison.Ordinal);
}
