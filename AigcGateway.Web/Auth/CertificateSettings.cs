namespace AigcGateway.Web.Auth;

/// <summary>The configuration keys of one key-encryption certificate (the current one, or the one before a rotation).</summary>
internal sealed record CertificateSettings(string PathKey, string KeyPathKey, string PasswordKey)
{
    public static readonly CertificateSettings Current = new(
        "Gateway:DataProtectionCertificatePath", "Gateway:DataProtectionCertificateKeyPath", "Gateway:DataProtectionCertificatePassword");

    public static readonly CertificateSettings Previous = new(
        "Gateway:DataProtectionPreviousCertificatePath", "Gateway:DataProtectionPreviousCertificateKeyPath", "Gateway:DataProtectionPreviousCertificatePassword");
}
