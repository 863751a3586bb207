using System.Text;
using System.Text.RegularExpressions;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Charts;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed partial class LogtoChartTests
{
    private const string Chart = "logto";
    private const string ExternalDatabase = "externalDatabase:\n  url: postgres://logto:s3cr3t@db.example.com:5432/logto\n";

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private static string OriginalFile => RepositoryRoot.OriginalValues("logto-values.yaml");

    [Fact]
    public async Task The_chart_passes_helm_lint_strict_with_the_earlier_values()
    {
        var result = await Helm.LintAsync(Chart, Token, OriginalFile);

        result.ExitCode.ShouldBe(0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task The_chart_renders_logto_and_postgresql_with_its_default_values()
    {
        var manifests = (await Helm.TemplateAsync(Chart, Token)).Manifests();

        manifests.Single("Deployment").Name.ShouldBe("logto");
        manifests.Single("StatefulSet").Name.ShouldBe("logto-postgres");
        manifests.OfKind("Ingress").Count().ShouldBe(2);
        manifests.OfKind("Namespace").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_earlier_values_file_renders_unchanged_into_namespace_hosts_and_tls()
    {
        var manifests = (await Helm.TemplateWithFilesAsync(Chart, Token, OriginalFile)).Manifests();

        const string core = "logto.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com";
        const string admin = "logto-admin.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com";
        manifests.Objects.ShouldAllBe(o => o.Namespace == "aigc-gateway");
        manifests.OfKind("Namespace").ShouldBeEmpty();
        var ingresses = manifests.OfKind("Ingress").ToList();
        ingresses.Select(i => i.List("spec.rules").Single().String("host")).ShouldBe([core, admin], ignoreOrder: true);
        ingresses.ShouldAllBe(i => i.List("spec.tls").Single().String("secretName") == "tls-logto");
        var logto = manifests.Containers().Single(c => c.String("name") == "logto");
        logto.Env("ENDPOINT").String("value").ShouldBe($"https://{core}");
        logto.Env("ADMIN_ENDPOINT").String("value").ShouldBe($"https://{admin}");
    }

    [Fact]
    public async Task A_release_named_logto_keeps_the_earlier_deployment_name_and_selector()
    {
        var deployment = (await Helm.TemplateWithFilesAsync(Chart, Token, OriginalFile)).Manifests().Single("Deployment");

        deployment.Name.ShouldBe("logto");
        deployment.StringMap("spec.selector.matchLabels").ShouldBe(new Dictionary<string, string> { ["app"] = "logto" });
    }

    [Fact]
    public async Task The_logto_pods_are_probed_and_do_not_escalate_privileges()
    {
        var containers = (await Helm.TemplateAsync(Chart, Token)).Manifests().Containers().ToList();

        containers.Select(c => c.String("name")).ShouldBe(["logto", "postgres"], ignoreOrder: true);
        containers.ShouldAllBe(c => c.Get("readinessProbe") != null && c.Get("livenessProbe") != null);
        containers.ShouldAllBe(c => (string?)c.Get("securityContext.allowPrivilegeEscalation") == "false");
        containers.Single(c => c.String("name") == "logto").String("readinessProbe.httpGet.path").ShouldBe("/api/status");
    }

    [Fact]
    public async Task Create_namespace_renders_the_namespace()
    {
        var manifests = (await Helm.TemplateAsync(Chart, Token, "installation:\n  namespace: identity\n  createNamespace: true\n")).Manifests();

        manifests.Single("Namespace").Name.ShouldBe("identity");
    }

    [Fact]
    public async Task The_default_image_is_a_current_logto_1_x()
    {
        var image = (await Helm.TemplateAsync(Chart, Token)).Manifests().Containers().Single(c => c.String("name") == "logto").String("image")!;

        var match = LogtoImage().Match(image);
        match.Success.ShouldBeTrue(image);
        int.Parse(match.Groups["minor"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public async Task Logto_applies_database_alterations_up_to_its_image_version_unattended_at_start()
    {
        var logto = (await Helm.TemplateAsync(Chart, Token, "image:\n  tag: \"1.38.2\"\n")).Manifests()
            .Containers().Single(c => c.String("name") == "logto");

        logto.Strings("command").Last().ShouldBe("npm run cli db seed -- --swe && npm run cli db alteration deploy 1.38.2 && npm start");
    }

    [Fact]
    public async Task The_database_password_is_generated_afresh_when_no_cluster_secret_exists()
    {
        var first = Password((await Helm.TemplateUncachedAsync(Chart, Token)).Manifests());
        var second = Password((await Helm.TemplateUncachedAsync(Chart, Token)).Manifests());

        first.ShouldMatch("^[A-Za-z0-9]{32}$");
        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task The_database_password_appears_in_no_chart_file_and_no_environment_value()
    {
        var manifests = (await Helm.TemplateUncachedAsync(Chart, Token)).Manifests();
        var password = Password(manifests);

        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Chart(Chart), "*", SearchOption.AllDirectories))
        {
            (await File.ReadAllTextAsync(file, Token)).ShouldNotContain(password);
        }

        manifests.Containers().SelectMany(c => c.List("env")).ShouldAllBe(e => !(e.String("value") ?? "").Contains(password));
        var logto = manifests.Containers().Single(c => c.String("name") == "logto");
        logto.Env("DB_URL").String("value")!.ShouldContain("$(DB_PASSWORD)");
        logto.Env("DB_PASSWORD").String("valueFrom.secretKeyRef.key").ShouldBe("password");
    }

    [Fact]
    public async Task The_password_secret_is_kept_when_the_release_is_uninstalled()
    {
        var secret = (await Helm.TemplateAsync(Chart, Token)).Manifests().Single("Secret");

        secret.Map("metadata.annotations")!.Value("helm.sh/resource-policy").ShouldBe("keep");
    }

    [Fact]
    public async Task An_external_database_url_replaces_postgresql_and_is_read_from_a_secret()
    {
        var manifests = (await Helm.TemplateAsync(Chart, Token, ExternalDatabase)).Manifests();

        manifests.OfKind("StatefulSet").ShouldBeEmpty();
        var secret = manifests.Single("Secret");
        Encoding.UTF8.GetString(Convert.FromBase64String(secret.Map("data")!.Value("url")!))
            .ShouldBe("postgres://logto:s3cr3t@db.example.com:5432/logto");
        manifests.Containers().Single(c => c.String("name") == "logto").Env("DB_URL")
            .String("valueFrom.secretKeyRef.name").ShouldBe(secret.Name);
        manifests.Containers().SelectMany(c => c.List("env")).ShouldAllBe(e => !(e.String("value") ?? "").Contains("s3cr3t"));
    }

    [Fact]
    public async Task Renders_with_an_external_database_are_identical_while_default_renders_differ()
    {
        var external = await Task.WhenAll(
            Helm.TemplateUncachedAsync(Chart, Token, ExternalDatabase),
            Helm.TemplateUncachedAsync(Chart, Token, ExternalDatabase));
        var bundled = await Task.WhenAll(Helm.TemplateUncachedAsync(Chart, Token), Helm.TemplateUncachedAsync(Chart, Token));

        external[1].StandardOutput.ShouldBe(external[0].StandardOutput);
        bundled[1].StandardOutput.ShouldNotBe(bundled[0].StandardOutput);
    }

    [Fact]
    public async Task An_external_database_secret_is_read_without_creating_any_secret()
    {
        var manifests = (await Helm.TemplateAsync(Chart, Token, "externalDatabase:\n  existingSecret: logto-db\n  existingSecretKey: dsn\n")).Manifests();

        manifests.OfKind("Secret").ShouldBeEmpty();
        manifests.OfKind("StatefulSet").ShouldBeEmpty();
        var reference = manifests.Containers().Single(c => c.String("name") == "logto").Env("DB_URL").Map("valueFrom.secretKeyRef")!;
        reference.String("name").ShouldBe("logto-db");
        reference.String("key").ShouldBe("dsn");
    }

    private static string Password(RenderedManifests manifests)
    {
        var secret = manifests.Single("Secret");
        return Encoding.UTF8.GetString(Convert.FromBase64String(secret.Map("data")!.Value("password")!));
    }

    [GeneratedRegex(@"^(docker\.io/)?svhd/logto:1\.(?<minor>\d+)(\.\d+)?$")]
    private static partial Regex LogtoImage();
}
