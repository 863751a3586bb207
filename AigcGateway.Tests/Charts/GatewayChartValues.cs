namespace AigcGateway.Tests.Charts;

/// <summary>Values files (as YAML text) the gateway chart tests render with.</summary>
internal static class GatewayChartValues
{
    public const string Chart = "aigc-gateway";

    public const string ExistingSecret = "existingSecret: gateway-logto-credentials\n";

    /// <summary>Two replicas, which need PostgreSQL (SQLite serves one replica).</summary>
    public const string TwoReplicas = "replicaCount: 2\n" + PostgreSql;

    public const string PostgreSql = """
        database:
          type: postgresql
          postgresql:
            host: logto-postgresql.logto.svc
            existingSecret: gateway-database
        """ + "\n";

    public const string TemplateNamespaces = """
        namespaces: [aigc-templates, team-a]
        gssLabels:
          aigc-gateway.io/template: "true"
        """;

    public static string OriginalFile => RepositoryRoot.OriginalValues("aigc-gateway-values.yaml");

    /// <summary>The credential values of the earlier gateway's values file.</summary>
    public static IReadOnlyList<string> OriginalCredentials { get; } =
        ["32qh5wp6c1q3jofy2myww", "35mpn2dk62brjxaduy7x0", "ezxyaol30ld99c7ns5u2r", "g7hly3nwq2omligpyh3ck"];

    public static Manifest GatewayContainer(this RenderedManifests manifests) =>
        manifests.Single("Deployment").List("spec.template.spec.containers").Single(c => c.String("name") == "gateway");
}
