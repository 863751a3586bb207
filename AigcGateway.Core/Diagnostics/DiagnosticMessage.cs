namespace AigcGateway.Core.Diagnostics;

/// <summary>What a person reads: what is wrong and what to do next.</summary>
public sealed record DiagnosticMessage(string Summary, string NextStep);
