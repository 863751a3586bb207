using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerStatus
{
    [JsonPropertyName("currentState")]
    public string? CurrentState { get; set; }

    [JsonPropertyName("desiredState")]
    public string? DesiredState { get; set; }

    [JsonPropertyName("networkStatus")]
    public GameServerNetworkStatus? NetworkStatus { get; set; }

    [JsonPropertyName("podStatus")]
    public V1PodStatus? PodStatus { get; set; }

    [JsonPropertyName("conditions")]
    public List<GameServerCondition>? Conditions { get; set; }

    /// <summary>Other fields (e.g. <c>updatePriority</c>, an int or a string) are kept raw.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
