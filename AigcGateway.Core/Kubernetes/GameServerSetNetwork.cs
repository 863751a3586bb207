using System.Text.Json;
using System.Text.Json.Serialization;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerSetNetwork
{
    [JsonPropertyName("networkType")]
    public string? NetworkType { get; set; }

    [JsonPropertyName("networkConf")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<NetworkConfParam>? NetworkConf { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
