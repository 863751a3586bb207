using AigcGateway.Tests.Infrastructure;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Emulators.Kubernetes;
using k8s;

namespace AigcGateway.Tests.Resilience;

/// <summary>In-cluster ServiceAccount tokens are projected and rotated (about hourly): the client must read the file again.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ServiceAccountTokenTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>
    /// Writes the token as the kubelet's atomic writer does: the new token goes into a new directory and a symbolic
    /// link is swapped (the kubelet swaps <c>..data</c>, to which <c>token</c> links; here <c>token</c> itself), so the
    /// path the client reads never changes and is never missing.
    /// </summary>
    private static void WriteToken(string directory, string token)
    {
        var version = Directory.CreateDirectory(Path.Combine(directory, "..token_" + Guid.NewGuid().ToString("N")));
        File.WriteAllText(Path.Combine(version.FullName, "token"), token);
        var next = Path.Combine(directory, "..token_tmp");
        File.CreateSymbolicLink(next, Path.Combine(version.Name, "token"));
        File.Move(next, Path.Combine(directory, "token"), overwrite: true);
    }

    [Fact]
    public async Task The_in_cluster_connection_reads_a_rotated_token_before_its_next_request()
    {
        await using var emulator = await KubernetesEmulator.StartAsync(KubernetesEmulatorOptions.ForTests, Ct);
        var directory = Directory.CreateTempSubdirectory("aigc-sa-");
        try
        {
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=kubernetes", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
                File.WriteAllText(Path.Combine(directory.FullName, "ca.crt"), certificate.ExportCertificatePem());
            }

            File.WriteAllText(Path.Combine(directory.FullName, "namespace"), "aigc");
            WriteToken(directory.FullName, "token-issued-first");
            var config = KubernetesRegistration.InCluster(directory.FullName, "kubernetes.default.svc", "443");
            config.Namespace.ShouldBe("aigc");
            config.Host = emulator.BaseAddress.ToString(); // the emulator speaks plain HTTP on loopback
            using var client = new Kubernetes(config);

            emulator.Requests.AcceptOnly("token-issued-first");
            (await client.CoreV1.ListNamespacedPodAsync("aigc", cancellationToken: Ct)).Items.ShouldBeEmpty();

            WriteToken(directory.FullName, "token-rotated");
            emulator.Requests.AcceptOnly("token-rotated"); // the old one expired
            (await client.CoreV1.ListNamespacedPodAsync("aigc", cancellationToken: Ct)).Items.ShouldBeEmpty();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
