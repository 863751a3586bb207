using System.Text.Json;
using System.Text.Json.Serialization;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerSpec
{
    [JsonPropertyName("opsState")]
    public string? OpsState { get; set; }

    [JsonPropertyName("networkDisabled")]
    public bool? NetworkDisabled { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
