using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator.Models;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;

namespace AigcGateway.Tests.Emulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class DemoSeedTests
{
    private static CancellationToken Ct => EmulatorHarness.Ct;

    private static async Task<List<TestGameServerSet>> SeedAsync(KubernetesEmulatorOptions options)
    {
        await using var h = await EmulatorHarness.StartAsync(options);
        return [.. (await h.Sets.ListNamespacedAsync<TestGameServerSetList>("aigc", cancel: Ct)).Items];
    }

    [Fact]
    public async Task The_demo_seed_creates_three_conforming_templates_and_one_General_template()
    {
        var sets = await SeedAsync(KubernetesEmulatorOptions.ForTests with { SeedDemo = true });

        sets.Select(s => s.Metadata.Name).ShouldBe(["comfyui", "sd-cpu", "sd-gpu", "sd-legacy"]);
        sets.Where(s => s.Spec.ScaleStrategy!.ScaleDownStrategyType == "ReserveIds").Select(s => s.Metadata.Name).ShouldBe(["comfyui", "sd-cpu", "sd-gpu"]);
        sets.Single(s => s.Metadata.Name == "sd-legacy").Spec.ScaleStrategy!.ScaleDownStrategyType.ShouldBe("General");
        sets.ShouldAllBe(s => s.Spec.Replicas == 0);
        sets.ShouldAllBe(s => s.Metadata.Labels["app.kubernetes.io/part-of"] == "aigc-gateway");
        sets.ShouldAllBe(s => s.Spec.GameServerTemplate!["volumeClaimTemplates"]![0]!["metadata"]!["name"]!.GetValue<string>() == "user-data");
    }

    [Fact]
    public async Task Demo_templates_carry_display_annotations_and_gpu_requests()
    {
        var sets = await SeedAsync(KubernetesEmulatorOptions.ForTests with { SeedDemo = true });

        var gpu = sets.Single(s => s.Metadata.Name == "sd-gpu");
        var shared = sets.Single(s => s.Metadata.Name == "comfyui");
        gpu.Metadata.Annotations["aigc-gateway.io/display-name"].ShouldBe("Stable Diffusion WebUI");
        gpu.Metadata.Annotations.ShouldContainKey("aigc-gateway.io/description");
        gpu.Metadata.Annotations.ShouldContainKey("aigc-gateway.io/icon");
        gpu.Metadata.Annotations.ShouldContainKey("aigc-gateway.io/gpu-type");
        Limits(gpu)["nvidia.com/gpu"]!.GetValue<int>().ShouldBe(1);
        Limits(shared)["aliyun.com/gpu-mem"]!.GetValue<int>().ShouldBe(3);
        Limits(sets.Single(s => s.Metadata.Name == "sd-cpu")).AsObject().Select(kv => kv.Key).ShouldBe(["cpu", "memory"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_demo_templates_that_follow_the_conventions_pass_the_gateways_conformance(bool instancesOnDashboardHost)
    {
        var dashboard = new Uri("http://localhost:5000");
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with
        {
            SeedDemo = true,
            DashboardUrl = dashboard,
            DemoInstancesOnDashboardHost = instancesOnDashboardHost,
        });

        var sets = KubernetesJson.Deserialize<GameServerSetList>(
            await h.Http.GetStringAsync("/apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets", Ct)).Items;

        foreach (var gss in sets.Where(s => s.Metadata.Name != "sd-legacy"))
        {
            var template = GameServerSetMapper.ToState(gss, new ConformanceRules(dashboard)).Template;
            template.Problems.ShouldBeEmpty(string.Join("; ", template.Problems.Select(p => p.Message)));
            template.IsProtected.ShouldBeTrue();
        }
    }

    private static System.Text.Json.Nodes.JsonNode Limits(TestGameServerSet gss) =>
        gss.Spec.GameServerTemplate!["spec"]!["containers"]![0]!["resources"]!["limits"]!;

    [Fact]
    public async Task Demo_hosts_and_auth_annotations_follow_the_options()
    {
        var sets = await SeedAsync(KubernetesEmulatorOptions.ForTests with
        {
            SeedDemo = true,
            DemoHostSuffix = "demo.example",
            DashboardUrl = new Uri("https://dash.demo.example/"),
        });

        var conf = sets.Single(s => s.Metadata.Name == "sd-gpu").Spec.Network!["networkConf"]!.AsArray()
            .Select(c => (c!["name"]!.GetValue<string>(), c["value"]!.GetValue<string>())).ToList();
        conf.ShouldContain(("Host", "sd-gpu-<id>.demo.example"));
        conf.ShouldContain(("Annotation", "nginx.ingress.kubernetes.io/auth-url: https://dash.demo.example/auth?host=$host"));
        conf.ShouldContain(("Annotation", "nginx.ingress.kubernetes.io/auth-signin: https://dash.demo.example/sign-in"));
        conf.ShouldContain(("Annotation", "nginx.ingress.kubernetes.io/auth-response-headers: X-Auth-Request-User,X-Auth-Request-Email,Cookie"));
        sets.Single(s => s.Metadata.Name == "sd-gpu").Spec.Network!["networkType"]!.GetValue<string>().ShouldBe("Kubernetes-Ingress");
    }

    [Fact]
    public async Task A_demo_instance_becomes_ready_at_its_host()
    {
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { SeedDemo = true });

        await h.Sets.PatchNamespacedAsync<TestGameServerSet>(new k8s.Models.V1Patch("""{"spec":{"replicas":1}}""", k8s.Models.V1Patch.PatchType.MergePatch), "aigc", "sd-gpu", Ct);
        await h.SettleAsync();

        var gs = await h.Servers.ReadNamespacedAsync<TestGameServer>("aigc", "sd-gpu-0", Ct);
        gs.CurrentState.ShouldBe("Ready");
        gs.Status!["networkStatus"]!["externalAddresses"]![0]!["endPoint"]!.GetValue<string>().ShouldBe("sd-gpu-0.aigc.test");
    }

    [Fact]
    public async Task Without_the_seed_option_no_templates_exist()
    {
        var sets = await SeedAsync(KubernetesEmulatorOptions.ForTests);

        sets.ShouldBeEmpty();
    }
}
