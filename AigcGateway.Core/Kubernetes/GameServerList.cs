using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerList : IKubernetesObject<V1ListMeta>, IItems<GameServer>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GameServerSet.Group + "/" + GameServerSet.Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GameServerList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<GameServer> Items { get; set; } = [];
}
