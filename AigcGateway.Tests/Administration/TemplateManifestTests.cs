using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Administration;

public sealed class TemplateManifestTests
{
    private static readonly TemplateRules Rules = new(
        ["aigc"], ".example.com", new Uri("https://dashboard.example.com/"),
        ImmutableDictionary<string, string>.Empty.Add("aigc-gateway.io/catalog", "main"));

    private static readonly TemplateDraft Draft = new()
    {
        Name = "sd-webui-gpu",
        Namespace = "aigc",
        DisplayName = "Stable Diffusion WebUI",
        Description = "Text to image on one GPU.",
        Image = "registry.example.com/ai/sd-webui:1.10",
        Command = ["python3", "launch.py"],
        Arguments = ["--listen"],
        Gpu = GpuMode.Whole,
        GpuCount = 1,
        GpuType = "NVIDIA A10",
        HostPattern = "sd-<id>.example.com",
        TlsSecretName = "wildcard-tls",
        Environment = [new("HF_HOME", "/data/hf")],
        IdleTimeout = TimeSpan.FromMinutes(90),
        MaxKeepRunning = TimeSpan.FromHours(4),
        BusyGpuPercent = 12.5,
    };

    private static JsonObject Build() => TemplateManifestBuilder.Build(Draft, Rules);

    private static IEnumerable<(string Name, string Value)> NetworkConf(JsonObject gss) =>
        gss["spec"]!["network"]!["networkConf"]!.AsArray().Select(p => (p!["name"]!.GetValue<string>(), p["value"]!.GetValue<string>()));

    [Fact]
    public void A_new_template_starts_with_no_instance_and_keeps_paused_ids()
    {
        var gss = Build();

        gss["spec"]!["replicas"]!.GetValue<int>().ShouldBe(0);
        gss["spec"]!["scaleStrategy"]!["scaleDownStrategyType"]!.GetValue<string>().ShouldBe("ReserveIds");
        gss["spec"]!["persistentVolumeClaimRetentionPolicy"].ShouldBeNull();
    }

    [Fact]
    public void Instances_are_published_through_an_ingress_protected_by_this_gateway()
    {
        var conf = NetworkConf(Build()).ToList();

        conf.ShouldContain(("Host", "sd-<id>.example.com"));
        conf.ShouldContain(("Annotation", "nginx.ingress.kubernetes.io/auth-url: https://dashboard.example.com/auth?host=$host"));
        conf.ShouldContain(("Annotation", "nginx.ingress.kubernetes.io/auth-signin: https://dashboard.example.com/sign-in"));
        conf.ShouldContain(("Annotation", "nginx.ingress.kubernetes.io/auth-response-headers: X-Auth-Request-User,X-Auth-Request-Email,Cookie"));
        conf.ShouldContain(("TlsSecretName", "wildcard-tls"));
        Build()["spec"]!["network"]!["networkType"]!.GetValue<string>().ShouldBe("Kubernetes-Ingress");
    }

    /// <summary>Issue #22: what the form writes passes every conformance rule, protection included (bound auth-url, no prefix-matching path).</summary>
    [Fact]
    public void The_manifest_conforms_and_is_protected_by_this_gateway()
    {
        var problems = AigcGateway.Core.Kubernetes.AdminManifests.Conformance(Build(), new ConformanceRules(Rules.PublicUrl));

        problems.ShouldBeEmpty(string.Join("; ", problems.Select(p => p.Message)));
    }

    [Fact]
    public void The_gpu_the_data_volume_and_the_display_metadata_are_in_the_manifest()
    {
        var gss = Build();
        var container = gss["spec"]!["gameServerTemplate"]!["spec"]!["containers"]![0]!;

        container["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<int>().ShouldBe(1);
        container["volumeMounts"]![0]!["name"]!.GetValue<string>().ShouldBe("user-data");
        gss["spec"]!["gameServerTemplate"]!["volumeClaimTemplates"]![0]!["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>().ShouldBe("50Gi");
        gss["metadata"]!["annotations"]!["aigc-gateway.io/display-name"]!.GetValue<string>().ShouldBe("Stable Diffusion WebUI");
        gss["metadata"]!["annotations"]!["aigc-gateway.io/idle-timeout"]!.GetValue<string>().ShouldBe("1h30m");
        gss["metadata"]!["annotations"]!["aigc-gateway.io/max-keep-running"]!.GetValue<string>().ShouldBe("4h");
        gss["metadata"]!["annotations"]!["aigc-gateway.io/busy-gpu-percent"]!.GetValue<string>().ShouldBe("12.5");
        gss["metadata"]!["labels"]!["aigc-gateway.io/catalog"]!.GetValue<string>().ShouldBe("main");
    }

    [Fact]
    public void Shared_gpu_memory_is_requested_in_gib()
    {
        var gss = TemplateManifestBuilder.Build(Draft with { Gpu = GpuMode.SharedMemory, GpuMemoryGiB = 3 }, Rules);
        var limits = gss["spec"]!["gameServerTemplate"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!.AsObject();

        limits["aliyun.com/gpu-mem"]!.GetValue<int>().ShouldBe(3);
        limits.ContainsKey("nvidia.com/gpu").ShouldBeFalse();
    }

    [Fact]
    public void The_yaml_preview_reads_back_to_the_same_manifest()
    {
        var gss = Build();

        var yaml = ManifestYaml.Write(gss);

        ManifestYaml.TryRead(yaml, out var back, out var problem).ShouldBeTrue(problem?.ToString());
        JsonNode.DeepEquals(back, gss).ShouldBeTrue(yaml);
        yaml.ShouldContain("replicas: 0");
        yaml.ShouldContain("value: \"7860\"");
    }
}
