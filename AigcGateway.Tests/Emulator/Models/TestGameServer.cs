using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AigcGateway.Tests.Emulator.Models;

[KubernetesEntity(Group = "game.kruise.io", ApiVersion = "v1alpha1", Kind = "GameServer", PluralName = "gameservers")]
public sealed class TestGameServer : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "game.kruise.io/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GameServer";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public JsonObject? Spec { get; set; }

    [JsonPropertyName("status")]
    public JsonObject? Status { get; set; }

    [JsonIgnore]
    public string? CurrentState => Status?["currentState"]?.GetValue<string>();

    [JsonIgnore]
    public string? NetworkState => Status?["networkStatus"]?["currentNetworkState"]?.GetValue<string>();
}
