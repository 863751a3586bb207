using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AigcGateway.Tests.Emulator.Models;

public sealed class TestGameServerSetList : IKubernetesObject<V1ListMeta>, IItems<TestGameServerSet>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "game.kruise.io/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GameServerSetList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<TestGameServerSet> Items { get; set; } = [];
}
