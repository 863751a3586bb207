using System.Text.Json;
using System.Text.Json.Serialization;

namespace AigcGateway.Core.Kubernetes;

internal sealed class GameServerSetSpec
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>Each item is an int or a range string <c>"a-b"</c>.</summary>
    [JsonPropertyName("reserveGameServerIds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<JsonElement>? ReserveGameServerIds { get; set; }

    [JsonPropertyName("scaleStrategy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GameServerSetScaleStrategy? ScaleStrategy { get; set; }

    [JsonPropertyName("gameServerTemplate")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GameServerTemplate? GameServerTemplate { get; set; }

    [JsonPropertyName("network")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GameServerSetNetwork? Network { get; set; }

    [JsonPropertyName("persistentVolumeClaimRetentionPolicy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PvcRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
