namespace AigcGateway.Core.Administration;

public sealed record EnvironmentVariable(string Name, string Value);
