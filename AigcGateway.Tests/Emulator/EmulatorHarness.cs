using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AigcGateway.Tests.Emulator.Models;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using k8s.Models;

namespace AigcGateway.Tests.Emulator;

/// <summary>One emulator per test, with the production KubernetesClient pointed at it over HTTP.</summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    public const string Ns = "games";
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private EmulatorHarness(KubernetesEmulator emulator)
    {
        Emulator = emulator;
        Client = new Kubernetes(new KubernetesClientConfiguration { Host = emulator.BaseAddress.ToString() });
        Sets = new GenericClient(Client, "game.kruise.io", "v1alpha1", "gameserversets", disposeClient: false);
        Servers = new GenericClient(Client, "game.kruise.io", "v1alpha1", "gameservers", disposeClient: false);
        Http = new HttpClient { BaseAddress = emulator.BaseAddress };
    }

    public KubernetesEmulator Emulator { get; }

    public Kubernetes Client { get; }

    public GenericClient Sets { get; }

    public GenericClient Servers { get; }

    public HttpClient Http { get; }

    public static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<EmulatorHarness> StartAsync(KubernetesEmulatorOptions? options = null) =>
        new(await KubernetesEmulator.StartAsync(options ?? KubernetesEmulatorOptions.ForTests, Ct));

    public Task SettleAsync() => Emulator.WaitForSettledAsync(Ct).WaitAsync(Bound, Ct);

    public static JsonObject Template(string image = "registry.example.com/lab/sd:v1", JsonObject? limits = null) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "sd" } },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "sd",
                ["image"] = image,
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 7860 }),
                ["resources"] = new JsonObject { ["limits"] = limits ?? new JsonObject { ["cpu"] = "1" } },
            }),
        },
        ["volumeClaimTemplates"] = new JsonArray(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "user-data" },
            ["spec"] = new JsonObject
            {
                ["accessModes"] = new JsonArray("ReadWriteOnce"),
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "1Gi" } },
            },
        }),
    };

    public static JsonObject IngressNetwork(string host = "sd-<id>.aigc.test") => new()
    {
        ["networkType"] = "Kubernetes-Ingress",
        ["networkConf"] = new JsonArray(
            new JsonObject { ["name"] = "Port", ["value"] = "7860" },
            new JsonObject { ["name"] = "Host", ["value"] = host },
            new JsonObject { ["name"] = "PathType", ["value"] = "ImplementationSpecific" },
            new JsonObject { ["name"] = "Path", ["value"] = "/" },
            new JsonObject { ["name"] = "Annotation", ["value"] = "nginx.ingress.kubernetes.io/auth-url: https://dashboard.aigc.test/auth?host=$host" },
            new JsonObject { ["name"] = "Annotation", ["value"] = "nginx.ingress.kubernetes.io/auth-signin: https://dashboard.aigc.test/sign-in" },
            new JsonObject { ["name"] = "Annotation", ["value"] = "nginx.ingress.kubernetes.io/auth-response-headers: X-Auth-Request-User,X-Auth-Request-Email,Cookie" }),
    };

    public static TestGameServerSet NewSet(string name, int replicas, string strategy = "ReserveIds", JsonArray? reserve = null, JsonObject? network = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns, Labels = new Dictionary<string, string> { ["aigc"] = "true" } },
        Spec = new TestGameServerSetSpec
        {
            Replicas = replicas,
            ReserveGameServerIds = reserve,
            ScaleStrategy = new TestScaleStrategy { ScaleDownStrategyType = strategy },
            GameServerTemplate = Template(),
            Network = network ?? IngressNetwork(),
        },
    };

    public async Task<TestGameServerSet> CreateSetAsync(string name, int replicas, string strategy = "ReserveIds", JsonArray? reserve = null, JsonObject? network = null)
    {
        var created = await Sets.CreateNamespacedAsync(NewSet(name, replicas, strategy, reserve, network), Ns, Ct);
        await SettleAsync();
        return created;
    }

    public Task<TestGameServerSet> ReadSetAsync(string name) => Sets.ReadNamespacedAsync<TestGameServerSet>(Ns, name, Ct);

    /// <summary>Read, change, replace (with the read resourceVersion), then wait for the simulation to settle.</summary>
    public async Task<TestGameServerSet> UpdateSetAsync(string name, Action<TestGameServerSet> change)
    {
        var gss = await ReadSetAsync(name);
        change(gss);
        var updated = await Sets.ReplaceNamespacedAsync(gss, Ns, name, Ct);
        await SettleAsync();
        return updated;
    }

    public async Task<List<int>> ServerIdsAsync(string gss)
    {
        var list = await Servers.ListNamespacedAsync<TestGameServerList>(Ns, labelSelector: $"game.kruise.io/owner-gss={gss}", cancel: Ct);
        return [.. list.Items.Select(s => int.Parse(s.Metadata.Name[(gss.Length + 1)..], CultureInfo.InvariantCulture)).Order()];
    }

    public async Task<List<int>> PodIdsAsync(string gss)
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: $"game.kruise.io/owner-gss={gss}", cancellationToken: Ct);
        return [.. list.Items.Select(p => int.Parse(p.Metadata.Name[(gss.Length + 1)..], CultureInfo.InvariantCulture)).Order()];
    }

    public async Task<(HttpStatusCode Code, JsonNode? Body)> RawAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Runs a client call that must fail, and returns the Kubernetes Status body of the failure.</summary>
    public static async Task<JsonNode> FailsWithAsync(HttpStatusCode code, Func<Task> call)
    {
        var error = await Should.ThrowAsync<k8s.Autorest.HttpOperationException>(call);
        error.Response.StatusCode.ShouldBe(code, error.Response.Content);
        var status = JsonNode.Parse(error.Response.Content)!;
        status["kind"]!.GetValue<string>().ShouldBe("Status");
        status["code"]!.GetValue<int>().ShouldBe((int)code);
        return status;
    }

    public static IEnumerable<int> ParseReserve(JsonArray? ids)
    {
        foreach (var item in ids ?? [])
        {
            if (item!.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            {
                yield return item.GetValue<int>();
            }
            else
            {
                var parts = item.GetValue<string>().Split('-');
                var start = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var end = int.Parse(parts[^1], CultureInfo.InvariantCulture);
                for (var i = start; i <= end; i++)
                {
                    yield return i;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Sets.Dispose();
        Servers.Dispose();
        Client.Dispose();
        var error = Emulator.SimulationError;
        await Emulator.DisposeAsync();
        error.ShouldBeNull("the controller simulation threw");
    }
}
