namespace AigcGateway.Core.Templates;

/// <summary>One conformance finding, with an English message for administrators.</summary>
public sealed record ConformanceProblem(ConformanceCode Code, ConformanceSeverity Severity, string Message);
