using System.Text.Json.Serialization;

namespace AigcGateway.Tests.Emulator.Models;

public sealed class TestScaleStrategy
{
    [JsonPropertyName("scaleDownStrategyType")]
    public string? ScaleDownStrategyType { get; set; }
}
