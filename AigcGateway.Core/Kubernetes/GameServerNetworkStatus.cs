using System.Text.Json;
using System.Text.Json.Serialization;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerNetworkStatus
{
    [JsonPropertyName("networkType")]
    public string? NetworkType { get; set; }

    [JsonPropertyName("currentNetworkState")]
    public string? CurrentNetworkState { get; set; }

    [JsonPropertyName("desiredNetworkState")]
    public string? DesiredNetworkState { get; set; }

    [JsonPropertyName("externalAddresses")]
    public List<GameServerAddress>? ExternalAddresses { get; set; }

    [JsonPropertyName("internalAddresses")]
    public List<GameServerAddress>? InternalAddresses { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
