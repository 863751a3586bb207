using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerSetList : IKubernetesObject<V1ListMeta>, IItems<GameServerSet>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GameServerSet.Group + "/" + GameServerSet.Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GameServerSetList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<GameServerSet> Items { get; set; } = [];
}
