namespace AigcGateway.Core.Administration;

/// <summary>A problem in YAML an administrator wrote, with its position (1-based; 0 when it has none).</summary>
public sealed record YamlProblem(int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}, column {Column}: {Message}" : Message;
}
