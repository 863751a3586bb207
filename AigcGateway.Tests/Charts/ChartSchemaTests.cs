using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Charts;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ChartSchemaTests
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("replicaCount: 1.5\n", "/replicaCount")]
    [InlineData("replicaCount: two\n", "/replicaCount")]
    [InlineData("replicaCount: 0\n", "/replicaCount")]
    [InlineData("host: https://dashboard.example.com\n", "/host")]
    [InlineData("host: dashboard.example.com/path\n", "/host")]
    [InlineData("endpoint: logto.example.com\n", "/endpoint")]
    [InlineData("cookieDomain: https://example.com\n", "/cookieDomain")]
    [InlineData("namespaces: [Not_A_Namespace]\n", "/namespaces/0")]
    [InlineData("gssLabels: [a, b]\n", "/gssLabels")]
    [InlineData("replicaCont: 2\n", "replicaCont")]
    public async Task The_gateway_schema_rejects_a_bad_value_and_names_it(string values, string path)
    {
        var result = await Helm.TemplateAsync("aigc-gateway", Token, values);

        result.ExitCode.ShouldNotBe(0);
        result.StandardError.ShouldContain("values don't meet the specifications of the schema");
        result.StandardError.ShouldContain(path);
    }

    [Theory]
    [InlineData("endpoint: https://logto.example.com\n", "/endpoint")]
    [InlineData("adminEndpoint: logto-admin.example.com:3002\n", "/adminEndpoint")]
    [InlineData("installation:\n  createNamespace: \"yes\"\n", "/installation/createNamespace")]
    [InlineData("externalDatabase:\n  url: mysql://db/logto\n", "/externalDatabase/url")]
    public async Task The_logto_schema_rejects_a_bad_value_and_names_it(string values, string path)
    {
        var result = await Helm.TemplateAsync("logto", Token, values);

        result.ExitCode.ShouldNotBe(0);
        result.StandardError.ShouldContain("values don't meet the specifications of the schema");
        result.StandardError.ShouldContain(path);
    }
}
