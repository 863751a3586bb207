using System.Text.Json;
using System.Text.Json.Serialization;

namespace AigcGateway.Core.Kubernetes;

internal sealed class NetworkConfParam
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
