using System.Text;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Charts;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class GatewayChartTests
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_chart_passes_helm_lint_strict_with_the_earlier_gateways_values()
    {
        var result = await Helm.LintAsync(GatewayChartValues.Chart, Token, GatewayChartValues.OriginalFile);

        result.ExitCode.ShouldBe(0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task The_chart_renders_with_its_default_values()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests();

        manifests.Objects.Select(o => o.Kind).ShouldBe(
            ["Deployment", "Service", "Ingress", "Secret", "ConfigMap", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "PodDisruptionBudget", "PersistentVolumeClaim"],
            ignoreOrder: true);
    }

    [Fact]
    public async Task The_earlier_gateways_values_file_renders_unchanged_into_image_namespace_host_and_tls()
    {
        var manifests = (await Helm.TemplateWithFilesAsync(GatewayChartValues.Chart, Token, GatewayChartValues.OriginalFile)).Manifests();

        const string host = "dashboard.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com";
        manifests.GatewayContainer().String("image").ShouldBe("registry.cn-hangzhou.aliyuncs.com/acs/aigc-gateway:v1.1.0");
        manifests.Objects.Where(o => o.Kind is not ("ClusterRole" or "ClusterRoleBinding"))
            .ShouldAllBe(o => o.Namespace == "aigc-gateway");
        var ingress = manifests.Single("Ingress");
        ingress.List("spec.rules").Single().String("host").ShouldBe(host);
        var tls = ingress.List("spec.tls").Single();
        tls.String("secretName").ShouldBe("tls-logto");
        tls.Strings("hosts").ShouldBe([host]);
    }

    [Fact]
    public async Task The_earlier_gateways_values_become_the_gateways_configuration_keys()
    {
        var container = (await Helm.TemplateWithFilesAsync(GatewayChartValues.Chart, Token, GatewayChartValues.OriginalFile))
            .Manifests().GatewayContainer();

        container.Env("Gateway__PublicUrl").String("value")
            .ShouldBe("https://dashboard.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com");
        container.Env("Logto__Endpoint").String("value")
            .ShouldBe("https://logto.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com");
        container.Env("Gateway__AdminRole").String("value").ShouldBe("aigc-admin");
        container.Env("ASPNETCORE_HTTP_PORTS").String("value").ShouldBe("8080");
        container.List("ports").Single().Get("containerPort").ShouldBe("8080");
    }

    [Fact]
    public async Task A_release_named_aigc_gateway_keeps_the_earlier_charts_names_and_selector_for_an_in_place_upgrade()
    {
        var manifests = (await Helm.TemplateWithFilesAsync(GatewayChartValues.Chart, Token, GatewayChartValues.OriginalFile)).Manifests();

        var deployment = manifests.Single("Deployment");
        deployment.Name.ShouldBe("aigc-gateway");
        deployment.StringMap("spec.selector.matchLabels").ShouldBe(new Dictionary<string, string> { ["app"] = "aigc-gateway" });
        manifests.Single("Service").Name.ShouldBe("aigc-gateway");
        manifests.Single("ServiceAccount").Name.ShouldBe("aigc-gateway");
        manifests.Single("Ingress").Name.ShouldBe("aigc-gateway");
    }

    [Fact]
    public async Task Credentials_from_values_go_into_a_chart_secret_read_through_secret_key_refs()
    {
        var manifests = (await Helm.TemplateWithFilesAsync(GatewayChartValues.Chart, Token, GatewayChartValues.OriginalFile)).Manifests();

        var secret = manifests.Single("Secret");
        var data = (Dictionary<object, object>)secret.Get("data")!;
        var decoded = data.ToDictionary(kv => (string)kv.Key, kv => Encoding.UTF8.GetString(Convert.FromBase64String((string)kv.Value)));
        decoded.ShouldBe(new Dictionary<string, string>
        {
            ["appId"] = "32qh5wp6c1q3jofy2myww",
            ["appSecret"] = "35mpn2dk62brjxaduy7x0",
            ["m2mId"] = "ezxyaol30ld99c7ns5u2r",
            ["m2mSecret"] = "g7hly3nwq2omligpyh3ck",
        });
        var container = manifests.GatewayContainer();
        foreach (var (env, key) in new[] { ("Logto__AppId", "appId"), ("Logto__AppSecret", "appSecret"), ("Logto__M2MId", "m2mId"), ("Logto__M2MSecret", "m2mSecret") })
        {
            var reference = container.Env(env).Map("valueFrom.secretKeyRef").ShouldNotBeNull();
            reference.String("name").ShouldBe(secret.Name);
            reference.String("key").ShouldBe(key);
        }
    }

    [Fact]
    public async Task No_environment_value_of_any_container_carries_a_credential()
    {
        var manifests = (await Helm.TemplateWithFilesAsync(GatewayChartValues.Chart, Token, GatewayChartValues.OriginalFile)).Manifests();

        var values = manifests.Containers().SelectMany(c => c.List("env")).Select(e => e.String("value") ?? "").ToList();
        values.ShouldNotBeEmpty();
        foreach (var credential in GatewayChartValues.OriginalCredentials)
        {
            values.ShouldNotContain(v => v.Contains(credential, StringComparison.Ordinal), $"credential {credential} in a plain env value");
        }
    }

    [Fact]
    public async Task With_existing_secret_the_chart_creates_no_secret_and_reads_the_operators_one()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.ExistingSecret)).Manifests();

        manifests.OfKind("Secret").ShouldBeEmpty();
        var container = manifests.GatewayContainer();
        foreach (var env in new[] { "Logto__AppId", "Logto__AppSecret", "Logto__M2MId", "Logto__M2MSecret" })
        {
            container.Env(env).String("valueFrom.secretKeyRef.name").ShouldBe("gateway-logto-credentials");
            container.Env(env).Get("value").ShouldBeNull();
        }
    }

    [Fact]
    public async Task The_cluster_role_grants_exactly_the_calls_the_code_makes()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests();

        var granted = RbacRules.Triples(manifests.Single("ClusterRole"));

        granted.ShouldBe(RbacRules.Expected(), ignoreOrder: true);
        var binding = manifests.Single("ClusterRoleBinding");
        binding.String("roleRef.name").ShouldBe(manifests.Single("ClusterRole").Name);
        binding.List("subjects").Single().String("name").ShouldBe(manifests.Single("ServiceAccount").Name);
        manifests.Single("Deployment").String("spec.template.spec.serviceAccountName").ShouldBe(manifests.Single("ServiceAccount").Name);
    }

    [Fact]
    public async Task With_template_namespaces_each_gets_a_role_and_together_they_grant_exactly_the_calls_the_code_makes()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TemplateNamespaces)).Manifests();

        manifests.OfKind("ClusterRole").ShouldBeEmpty();
        var roles = manifests.OfKind("Role").ToList();
        roles.Select(r => r.Namespace).ShouldBe(["aigc-templates", "team-a", "default"], ignoreOrder: true);
        var expected = RbacRules.Expected();
        roles.ShouldAllBe(r => RbacRules.Triples(r).All(expected.Contains));
        roles.SelectMany(RbacRules.Triples).Distinct().ShouldBe(expected, ignoreOrder: true);
        manifests.OfKind("RoleBinding").Select(b => (b.Namespace, b.String("roleRef.name")))
            .ShouldBe(roles.Select(r => (r.Namespace, r.Name)), ignoreOrder: true);
    }

    [Fact]
    public async Task The_only_config_map_the_gateway_may_read_or_change_is_its_session_revocation_list_in_its_own_namespace()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TemplateNamespaces)).Manifests();

        var rules = manifests.OfKind("Role")
            .SelectMany(role => role.List("rules").Select(rule => (Role: role, Rule: rule)))
            .Where(r => r.Rule.Strings("resources").Contains("configmaps"))
            .ToList();

        rules.ShouldNotBeEmpty();
        rules.ShouldAllBe(r => r.Role.Name!.EndsWith("-leader", StringComparison.Ordinal));
        // create cannot be limited by name in RBAC; everything else can
        rules.Where(r => r.Rule.Strings("verbs").Any(v => v != "create"))
            .ShouldAllBe(r => r.Rule.Strings("resourceNames").SequenceEqual(new[] { "aigc-gateway-revoked-sessions" }));
    }

    [Fact]
    public async Task The_template_filter_is_rendered_into_the_earlier_gateways_config_file()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TemplateNamespaces)).Manifests();

        var json = manifests.Single("ConfigMap").Map("data")!.Value("config.json").ShouldNotBeNull();
        using var config = System.Text.Json.JsonDocument.Parse(json);
        config.RootElement.GetProperty("namespaces").EnumerateArray().Select(e => e.GetString()).ShouldBe(["aigc-templates", "team-a"]);
        config.RootElement.GetProperty("gss_labels").GetProperty("aigc-gateway.io/template").GetString().ShouldBe("true");
        var container = manifests.GatewayContainer();
        container.List("volumeMounts").ShouldContain(m => m.String("name") == "config" && m.String("mountPath") == "/etc/config");
        container.Env("Gateway__ConfigFile").String("value").ShouldBe("/etc/config/config.json");
    }

    [Fact]
    public async Task Liveness_and_readiness_probes_call_healthz_and_readyz_on_port_8080()
    {
        var container = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests().GatewayContainer();

        container.String("livenessProbe.httpGet.path").ShouldBe("/healthz");
        container.String("readinessProbe.httpGet.path").ShouldBe("/readyz");
        container.String("livenessProbe.httpGet.port").ShouldBe("http");
        container.List("ports").Single(p => p.String("name") == "http").Get("containerPort").ShouldBe("8080");
    }

    [Fact]
    public async Task The_pod_meets_the_restricted_security_profile_with_a_writable_tmp()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests();

        var pod = manifests.Single("Deployment").Map("spec.template.spec")!;
        pod.Get("securityContext.runAsNonRoot").ShouldBe("true");
        pod.String("securityContext.seccompProfile.type").ShouldBe("RuntimeDefault");
        var container = manifests.GatewayContainer();
        container.Get("securityContext.allowPrivilegeEscalation").ShouldBe("false");
        container.Get("securityContext.readOnlyRootFilesystem").ShouldBe("true");
        container.Get("securityContext.runAsNonRoot").ShouldBe("true");
        container.Strings("securityContext.capabilities.drop").ShouldBe(["ALL"]);
        container.String("securityContext.seccompProfile.type").ShouldBe("RuntimeDefault");
        container.List("volumeMounts").ShouldContain(m => m.String("name") == "tmp" && m.String("mountPath") == "/tmp");
        pod.List("volumes").Single(v => v.String("name") == "tmp").Get("emptyDir").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_pod_disruption_budget_selects_the_gateway_pods()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests();

        var budget = manifests.Single("PodDisruptionBudget");
        var podLabels = manifests.Single("Deployment").StringMap("spec.template.metadata.labels");
        budget.StringMap("spec.selector.matchLabels").ShouldNotBeEmpty();
        budget.StringMap("spec.selector.matchLabels").ShouldAllBe(label => podLabels.Contains(label));
        budget.Get("spec.maxUnavailable").ShouldBe("1");
    }

    [Fact]
    public async Task Two_replicas_can_share_data_protection_keys_in_an_explicit_read_write_many_claim()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TwoReplicas, "dataProtection:\n  persistence: \"true\"\n")).Manifests();

        var deployment = manifests.Single("Deployment");
        deployment.Get("spec.replicas").ShouldBe("2");
        var claim = manifests.Single("PersistentVolumeClaim");
        claim.Strings("spec.accessModes").ShouldBe(["ReadWriteMany"]);
        deployment.List("spec.template.spec.volumes").Single(v => v.String("name") == "keys")
            .String("persistentVolumeClaim.claimName").ShouldBe(claim.Name);
        var container = manifests.GatewayContainer();
        var keysPath = container.Env("Gateway__DataProtectionKeysPath").String("value");
        container.List("volumeMounts").ShouldContain(m => m.String("name") == "keys" && m.String("mountPath") == keysPath);
    }

    [Fact]
    public async Task Two_replicas_pin_each_browser_to_one_replica_with_cookie_affinity()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, GatewayChartValues.TwoReplicas)).Manifests();

        var annotations = manifests.Single("Ingress").Map("metadata.annotations")!;
        annotations.Value("nginx.ingress.kubernetes.io/affinity").ShouldBe("cookie");
        annotations.Value("nginx.ingress.kubernetes.io/affinity-mode").ShouldBe("persistent");
    }

    [Fact]
    public async Task One_replica_keeps_keys_in_an_empty_dir_without_affinity()
    {
        var manifests = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests();

        // the one claim is the SQLite database's (GatewayChartDatabaseTests), not the keys'
        manifests.OfKind("PersistentVolumeClaim").Select(c => c.Name).ShouldBe(["aigc-gateway-data"]);
        manifests.Single("Ingress").Map("metadata.annotations")!.Value("nginx.ingress.kubernetes.io/affinity").ShouldBeNull();
        manifests.Single("Deployment").List("spec.template.spec.volumes").Single(v => v.String("name") == "keys")
            .Get("emptyDir").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("host: dashboard.example.com\n", ".example.com")]
    [InlineData("host: ai.dev.corp.example.org\n", ".dev.corp.example.org")]
    [InlineData("host: example.com\n", ".example.com")]
    [InlineData("host: dashboard.example.com\ncookieDomain: .corp.example.com\n", ".corp.example.com")]
    public async Task The_cookie_domain_is_the_hosts_parent_domain_unless_set(string values, string expected)
    {
        var container = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, values)).Manifests().GatewayContainer();

        container.Env("Gateway__CookieDomain").String("value").ShouldBe(expected);
    }

    [Theory]
    [InlineData("", "false")]
    [InlineData("requireHostBinding: true\n", "true")]
    public async Task Requiring_the_host_binding_is_a_chart_value_off_by_default(string values, string expected)
    {
        var container = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, values)).Manifests().GatewayContainer();

        container.Env("Gateway__RequireHostBinding").String("value").ShouldBe(expected);
    }

    [Fact]
    public async Task The_internal_logto_endpoint_is_passed_only_when_set()
    {
        var without = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests().GatewayContainer();
        var with = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, "logtoInternalEndpoint: http://logto.aigc-gateway.svc:3001\n"))
            .Manifests().GatewayContainer();

        without.List("env").ShouldNotContain(e => e.String("name") == "Logto__InternalEndpoint");
        with.Env("Logto__InternalEndpoint").String("value").ShouldBe("http://logto.aigc-gateway.svc:3001");
    }

    [Fact]
    public async Task The_network_policy_is_rendered_only_when_enabled_and_admits_port_8080()
    {
        var off = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token)).Manifests();
        var on = (await Helm.TemplateAsync(GatewayChartValues.Chart, Token, "networkPolicy:\n  enabled: true\n")).Manifests();

        off.OfKind("NetworkPolicy").ShouldBeEmpty();
        on.Single("NetworkPolicy").List("spec.ingress").Single().List("ports").Single().Get("port").ShouldBe("8080");
    }

    [Fact]
    public async Task The_install_notes_name_the_uris_to_register_in_logto()
    {
        var result = await Helm.DryRunInstallWithFilesAsync(GatewayChartValues.Chart, Token, GatewayChartValues.OriginalFile);

        result.ExitCode.ShouldBe(0, result.StandardError);
        var notes = result.StandardOutput[result.StandardOutput.IndexOf("NOTES:", StringComparison.Ordinal)..];
        notes.ShouldContain("https://dashboard.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com/sign-in-callback");
        notes.ShouldContain("Post sign-out URI:     https://dashboard.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com/\n");
    }

    [Fact]
    public async Task The_install_notes_give_the_template_annotations_with_the_host_binding_and_response_headers()
    {
        var result = await Helm.DryRunInstallWithFilesAsync(GatewayChartValues.Chart, Token, GatewayChartValues.OriginalFile);

        var notes = result.StandardOutput[result.StandardOutput.IndexOf("NOTES:", StringComparison.Ordinal)..];
        notes.ShouldContain("nginx.ingress.kubernetes.io/auth-url: https://dashboard.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com/auth?host=$host\n");
        notes.ShouldContain("nginx.ingress.kubernetes.io/auth-signin: https://dashboard.c5464a5f2c39341d3b3eda6e2dd37b505.cn-hangzhou.alicontainer.com/sign-in\n");
        notes.ShouldContain("nginx.ingress.kubernetes.io/auth-response-headers: X-Auth-Request-User,X-Auth-Request-Email,Cookie\n");
    }
}
