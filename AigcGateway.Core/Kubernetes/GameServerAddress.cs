using System.Text.Json;
using System.Text.Json.Serialization;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerAddress
{
    [JsonPropertyName("ip")]
    public string? Ip { get; set; }

    [JsonPropertyName("endPoint")]
    public string? EndPoint { get; set; }

    [JsonPropertyName("ports")]
    public List<GameServerPort>? Ports { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
