using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Charts;

/// <summary>The chart's two database options: SQLite on a claim (one replica), PostgreSQL with the password from a Secret.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class GatewayChartDatabaseTests
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task By_default_the_database_is_a_sqlite_file_on_a_kept_read_write_once_claim()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests();

        var claim = manifests.Single("PersistentVolumeClaim");
        claim.Strings("spec.accessModes").ShouldBe(["ReadWriteOnce"]);
        claim.Map("metadata.annotations")!.Value("helm.sh/resource-policy").ShouldBe("keep");
        var deployment = manifests.Single("Deployment");
        deployment.String("spec.strategy.type").ShouldBe("Recreate");
        deployment.List("spec.template.spec.volumes").Single(v => v.String("name") == "data")
            .String("persistentVolumeClaim.claimName").ShouldBe(claim.Name);
        var container = manifests.GatewayContainer();
        container.Env("Database__Provider").String("value").ShouldBe("Sqlite");
        var directory = container.Env("Database__DataDirectory").String("value");
        container.List("volumeMounts").ShouldContain(m => m.String("name") == "data" && m.String("mountPath") == directory);
        container.Env("Database__AuditRetentionDays").String("value").ShouldBe("400");
    }

    [Fact]
    public async Task Postgresql_gets_its_connection_string_and_the_password_from_the_secret_and_no_claim()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TwoReplicas)).Manifests();

        manifests.OfKind("PersistentVolumeClaim").ShouldNotContain(c => c.Name!.EndsWith("-data", StringComparison.Ordinal));
        manifests.Single("Deployment").Get("spec.strategy").ShouldBeNull();
        var container = manifests.GatewayContainer();
        container.Env("Database__Provider").String("value").ShouldBe("PostgreSql");
        container.Env("ConnectionStrings__Gateway").String("value")
            .ShouldBe("Host=logto-postgresql.logto.svc;Port=5432;Database=aigc_gateway;Username=aigc_gateway");
        var password = container.Env("Database__Password");
        password.String("valueFrom.secretKeyRef.name").ShouldBe("gateway-database");
        password.String("valueFrom.secretKeyRef.key").ShouldBe("password");
        container.List("env").ShouldNotContain(e => e.String("name") == "Database__DataDirectory");
    }

    [Theory]
    [InlineData("replicaCount: 2\n", "/replicaCount")]
    [InlineData("replicaCount: 2\ndatabase:\n  type: sqlite\n", "/replicaCount")]
    [InlineData("database:\n  type: postgresql\n  postgresql:\n    existingSecret: s\n", "/database/postgresql/host")]
    [InlineData("database:\n  type: postgresql\n  postgresql:\n    host: db\n", "/database/postgresql/existingSecret")]
    [InlineData("database:\n  type: mysql\n", "/database/type")]
    public async Task The_schema_refuses_several_replicas_on_sqlite_and_postgresql_without_host_or_secret(string values, string path)
    {
        var result = await Helm.TemplateAsync(GatewayChartValues.Chart, Token, values);

        result.ExitCode.ShouldNotBe(0);
        result.StandardError.ShouldContain(path);
    }

    [Fact]
    public async Task The_chart_passes_helm_lint_strict_with_postgresql()
    {
        var values = Path.Combine(Directory.CreateTempSubdirectory("aigc-gateway-chart-").FullName, "values.yaml");
        await File.WriteAllTextAsync(values, GatewayChartValues.TwoReplicas, Token);

        var result = await Helm.LintAsync(GatewayChartValues.Chart, Token, values);

        result.ExitCode.ShouldBe(0, result.StandardOutput + result.StandardError);
    }
}
