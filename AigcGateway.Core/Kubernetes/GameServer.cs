using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

/// <summary>OKG GameServer (read only for the gateway).</summary>
[KubernetesEntity(Group = GameServerSet.Group, ApiVersion = GameServerSet.Version, Kind = "GameServer", PluralName = Plural)]
internal sealed class GameServer : IKubernetesObject<V1ObjectMeta>
{
    public const string Plural = "gameservers";
    public const string OwnerLabel = "game.kruise.io/owner-gss";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GameServerSet.Group + "/" + GameServerSet.Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GameServer";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GameServerSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GameServerStatus? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
