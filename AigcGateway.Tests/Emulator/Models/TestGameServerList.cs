using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AigcGateway.Tests.Emulator.Models;

public sealed class TestGameServerList : IKubernetesObject<V1ListMeta>, IItems<TestGameServer>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "game.kruise.io/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GameServerList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<TestGameServer> Items { get; set; } = [];
}
