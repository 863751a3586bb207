using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AigcGateway.Tests.Integration;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;

namespace AigcGateway.Tests.Auth;

/// <summary>The key-encryption certificate is checked at start-up: readable, with its private key, in either format.</summary>
public sealed class DataProtectionCertificateTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aigc-gateway-cert-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static IReadOnlyList<string> Problems(GatewayOptions gateway) =>
        [.. (new GatewayOptionsValidator(new GatewayMode(false)).Validate(null, gateway).Failures ?? [])
            .Where(f => f.StartsWith("Gateway:DataProtection", StringComparison.Ordinal))];

    [Fact]
    public void A_pem_certificate_with_its_key_in_a_file_of_its_own_is_accepted()
    {
        var (certificate, key) = SharedKeyRingTests.WriteCertificate(_directory.FullName);

        Problems(new GatewayOptions { DataProtectionCertificatePath = certificate, DataProtectionCertificateKeyPath = key }).ShouldBeEmpty();
        using var loaded = DataProtectionCertificate.Load(certificate, key, null);
        loaded.HasPrivateKey.ShouldBeTrue();
    }

    [Fact]
    public void A_pkcs12_file_is_accepted_with_its_password_and_refused_with_a_wrong_one()
    {
        var (certificate, key) = SharedKeyRingTests.WriteCertificate(_directory.FullName);
        using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
        var pfx = Path.Combine(_directory.FullName, "keys.pfx");
        File.WriteAllBytes(pfx, pem.Export(X509ContentType.Pkcs12, "s3cret"));

        Problems(new GatewayOptions { DataProtectionCertificatePath = pfx, DataProtectionCertificatePassword = "s3cret" }).ShouldBeEmpty();
        Problems(new GatewayOptions { DataProtectionCertificatePath = pfx, DataProtectionCertificatePassword = "wrong" })
            .ShouldHaveSingleItem().ShouldStartWith($"Gateway:DataProtectionCertificatePath '{pfx}' cannot be used");
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        var (certificate, _) = SharedKeyRingTests.WriteCertificate(_directory.FullName);

        var problem = Problems(new GatewayOptions { DataProtectionCertificatePath = certificate }).ShouldHaveSingleItem();
        problem.ShouldContain("without its private key");
        problem.ShouldContain("Gateway:DataProtectionCertificateKeyPath");
        Should.Throw<CryptographicException>(() => DataProtectionCertificate.Load(certificate, null, null));
    }

    [Fact]
    public void A_missing_file_and_a_previous_certificate_without_a_current_one_are_refused()
    {
        var missing = Path.Combine(_directory.FullName, "absent.crt");
        Problems(new GatewayOptions { DataProtectionCertificatePath = missing })
            .ShouldHaveSingleItem().ShouldStartWith($"Gateway:DataProtectionCertificatePath '{missing}' cannot be used");

        var (certificate, key) = SharedKeyRingTests.WriteCertificate(_directory.FullName);
        Problems(new GatewayOptions { DataProtectionPreviousCertificatePath = certificate, DataProtectionPreviousCertificateKeyPath = key })
            .ShouldHaveSingleItem().ShouldStartWith("Gateway:DataProtectionPreviousCertificatePath is set without Gateway:DataProtectionCertificatePath");
    }
}
