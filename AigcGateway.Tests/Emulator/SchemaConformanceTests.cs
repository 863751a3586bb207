using System.Text.Json.Nodes;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;

namespace AigcGateway.Tests.Emulator;

/// <summary>What the simulation writes itself must be what a real API server would store: valid and nothing pruned.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SchemaConformanceTests
{
    private static string Ns => EmulatorHarness.Ns;

    private static async Task<List<JsonObject>> ItemsAsync(EmulatorHarness h, string plural, string ns)
    {
        var (_, body) = await h.RawAsync(HttpMethod.Get, $"/apis/game.kruise.io/v1alpha1/namespaces/{ns}/{plural}");
        return [.. body!["items"]!.AsArray().Select(i => i!.AsObject())];
    }

    private static void ShouldConform(ResourceType type, IEnumerable<JsonObject> objects)
    {
        var validator = CrdCatalog.ValidatorFor(type);
        foreach (var obj in objects)
        {
            var copy = (JsonObject)obj.DeepClone();
            validator.ValidateAndPrune(copy).ShouldBeEmpty($"{type.Kind} {obj["metadata"]!["name"]}");
            Pruned(obj, copy, "").ShouldBeEmpty($"{type.Kind} {obj["metadata"]!["name"]} lost fields to pruning");
        }
    }

    private static IEnumerable<string> Pruned(JsonNode? before, JsonNode? after, string path) => (before, after) switch
    {
        (JsonObject b, JsonObject a) => b.SelectMany(kv => a.ContainsKey(kv.Key) ? Pruned(kv.Value, a[kv.Key], $"{path}.{kv.Key}") : [$"{path}.{kv.Key}"]),
        (JsonArray b, JsonArray a) => b.SelectMany((item, i) => i < a.Count ? Pruned(item, a[i], $"{path}[{i}]") : [$"{path}[{i}]"]),
        _ => [],
    };

    [Fact]
    public async Task Simulated_game_servers_and_sets_conform_to_the_CRD_schemas()
    {
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { SeedDemo = true });
        h.Emulator.Faults.MakeUnschedulable(Ns, "pending");
        h.Emulator.Faults.CrashLoop(Ns, "crash", 2);
        h.Emulator.Faults.FailImagePull(Ns, "pull");
        await h.CreateSetAsync("ingress", 3);
        await h.CreateSetAsync("pending", 1);
        await h.CreateSetAsync("crash", 1);
        await h.CreateSetAsync("pull", 1);
        await h.CreateSetAsync("hostport", 1, network: new JsonObject
        {
            ["networkType"] = "Kubernetes-HostPort",
            ["networkConf"] = new JsonArray(new JsonObject { ["name"] = "ContainerPorts", ["value"] = "sd:7860/TCP" }),
        });
        await h.CreateSetAsync("nodeport", 1, network: new JsonObject
        {
            ["networkType"] = "Kubernetes-NodePort",
            ["networkConf"] = new JsonArray(new JsonObject { ["name"] = "PortProtocols", ["value"] = "7860/TCP" }),
        });
        await h.UpdateSetAsync("ingress", g => g.Spec.Replicas = 1);

        ShouldConform(ResourceType.GameServers, await ItemsAsync(h, "gameservers", Ns));
        ShouldConform(ResourceType.GameServerSets, await ItemsAsync(h, "gameserversets", Ns));
        ShouldConform(ResourceType.GameServerSets, await ItemsAsync(h, "gameserversets", "aigc"));
    }
}
