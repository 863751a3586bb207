using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AigcGateway.Tests.Emulator.Models;

public sealed class TestGameServerSetSpec
{
    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }

    /// <summary>Integers and "a-b" range strings, exactly as the server holds them.</summary>
    [JsonPropertyName("reserveGameServerIds")]
    public JsonArray? ReserveGameServerIds { get; set; }

    [JsonPropertyName("scaleStrategy")]
    public TestScaleStrategy? ScaleStrategy { get; set; }

    [JsonPropertyName("gameServerTemplate")]
    public JsonObject? GameServerTemplate { get; set; }

    [JsonPropertyName("network")]
    public JsonObject? Network { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}
