using System.Text.Json;
using System.Text.Json.Serialization;

namespace AigcGateway.Core.Kubernetes;

/// <summary>The schemaless pod template: kept as JSON and written back unchanged.</summary>
internal sealed class GameServerTemplate
{
    [JsonPropertyName("spec")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Spec { get; set; }

    [JsonPropertyName("volumeClaimTemplates")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<JsonElement>? VolumeClaimTemplates { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
