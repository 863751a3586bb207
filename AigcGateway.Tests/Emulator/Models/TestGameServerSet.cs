using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AigcGateway.Tests.Emulator.Models;

/// <summary>Test-only GameServerSet model: typed where the tests read, JSON where they only pass through.</summary>
[KubernetesEntity(Group = "game.kruise.io", ApiVersion = "v1alpha1", Kind = "GameServerSet", PluralName = "gameserversets")]
public sealed class TestGameServerSet : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "game.kruise.io/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GameServerSet";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TestGameServerSetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public JsonObject? Status { get; set; }
}
