using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

/// <summary>OKG GameServerSet. Fields the gateway does not model are kept (extension data) so an update never drops them.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = "GameServerSet", PluralName = Plural)]
internal sealed class GameServerSet : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "game.kruise.io";
    public const string Version = "v1alpha1";
    public const string Plural = "gameserversets";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GameServerSet";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public GameServerSetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
