using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Logto;

public sealed class LogtoTlsTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aigc-tls-").FullName;
    private X509Certificate2 _ca = null!;
    private X509Certificate2 _server = null!;
    private FakeLogtoServer _logto = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=AIGC Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(_ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        _server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        _logto = await FakeLogtoServer.StartAsync(Ct, _server);
        _logto.AddUser("alice");
    }

    public async ValueTask DisposeAsync() => await _logto.DisposeAsync();

    public void Dispose()
    {
        _ca.Dispose();
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ILogtoUsers Client(string? caBundlePath) => LogtoManagement.CreateClient(
        new LogtoManagementSettings(_logto.Endpoint, FakeLogtoServer.M2MId, FakeLogtoServer.M2MSecret)
        {
            CaBundlePath = caBundlePath,
            MaxAttempts = 1,
        },
        TimeProvider.System, NullLoggerFactory.Instance);

    [Fact]
    public async Task A_certificate_from_an_unknown_ca_is_refused()
    {
        var result = await Client(null).GetUserAsync("alice", Ct);

        result.Outcome.ShouldBe(LogtoOutcome.Unavailable);
    }

    [Fact]
    public async Task A_certificate_from_the_configured_ca_bundle_is_trusted()
    {
        var bundle = Path.Combine(_directory, "ca.pem");
        File.WriteAllText(bundle, _ca.ExportCertificatePem());

        var result = await Client(bundle).GetUserAsync("alice", Ct);

        result.IsOk.ShouldBeTrue();
    }

    [Fact]
    public async Task A_ca_bundle_with_another_ca_does_not_help()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = new CertificateRequest("CN=Other CA", otherKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var bundle = Path.Combine(_directory, "other.pem");
        File.WriteAllText(bundle, other.ExportCertificatePem());

        var result = await Client(bundle).GetUserAsync("alice", Ct);

        result.Outcome.ShouldBe(LogtoOutcome.Unavailable);
    }
}
