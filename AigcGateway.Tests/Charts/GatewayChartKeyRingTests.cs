using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Charts;

/// <summary>
/// Where the chart puts the cookie-protection keys: in the PostgreSQL database (no volume, any replica count), on a
/// claim only when one is asked for, and the key-encryption certificate Secret mounted when named.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class GatewayChartKeyRingTests
{
    private const string Certificate = """
        dataProtection:
          certificate:
            secretName: gateway-keys-2026
            previousSecretName: gateway-keys-2025
        """;

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task With_postgresql_no_key_claim_volume_or_directory_is_rendered_whatever_the_replica_count(int replicas)
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.PostgreSql, $"replicaCount: {replicas}\n")).Manifests();

        manifests.OfKind("PersistentVolumeClaim").ShouldBeEmpty();
        manifests.Single("Deployment").List("spec.template.spec.volumes").ShouldNotContain(v => v.String("name") == "keys");
        var container = manifests.GatewayContainer();
        container.List("volumeMounts").ShouldNotContain(m => m.String("name") == "keys");
        container.List("env").ShouldNotContain(e => e.String("name") == "Gateway__DataProtectionKeysPath", "the key ring goes to the database");
    }

    [Fact]
    public async Task An_existing_key_claim_named_with_postgresql_still_wins()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TwoReplicas, "dataProtection:\n  existingClaim: shared-keys\n")).Manifests();

        manifests.OfKind("PersistentVolumeClaim").ShouldBeEmpty();
        manifests.Single("Deployment").List("spec.template.spec.volumes").Single(v => v.String("name") == "keys")
            .String("persistentVolumeClaim.claimName").ShouldBe("shared-keys");
        manifests.GatewayContainer().Env("Gateway__DataProtectionKeysPath").String("value").ShouldBe("/var/lib/aigc-gateway/keys");
    }

    [Fact]
    public async Task The_certificate_secrets_are_mounted_read_only_and_named_to_the_gateway()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TwoReplicas, Certificate)).Manifests();

        var volumes = manifests.Single("Deployment").List("spec.template.spec.volumes");
        volumes.Single(v => v.String("name") == "data-protection-certificate").String("secret.secretName").ShouldBe("gateway-keys-2026");
        volumes.Single(v => v.String("name") == "data-protection-previous-certificate").String("secret.secretName").ShouldBe("gateway-keys-2025");
        var container = manifests.GatewayContainer();
        var current = container.List("volumeMounts").Single(m => m.String("name") == "data-protection-certificate");
        current.Get("readOnly").ShouldBe("true");
        var directory = current.String("mountPath");
        container.Env("Gateway__DataProtectionCertificatePath").String("value").ShouldBe(directory + "/tls.crt");
        container.Env("Gateway__DataProtectionCertificateKeyPath").String("value").ShouldBe(directory + "/tls.key");
        var previous = container.List("volumeMounts").Single(m => m.String("name") == "data-protection-previous-certificate").String("mountPath");
        container.Env("Gateway__DataProtectionPreviousCertificatePath").String("value").ShouldBe(previous + "/tls.crt");
    }

    [Fact]
    public async Task Without_a_certificate_nothing_about_one_is_rendered()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TwoReplicas)).Manifests();

        manifests.Single("Deployment").List("spec.template.spec.volumes").ShouldNotContain(v => v.String("name")!.StartsWith("data-protection", StringComparison.Ordinal));
        manifests.GatewayContainer().List("env").ShouldNotContain(e => e.String("name")!.StartsWith("Gateway__DataProtectionCertificate", StringComparison.Ordinal));
    }
}
