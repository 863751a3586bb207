using System.Text.Json;
using System.Text.Json.Serialization;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerPort
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    /// <summary>An int in the CRD; read leniently.</summary>
    [JsonPropertyName("port")]
    public JsonElement? Port { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
