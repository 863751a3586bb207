using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>What one GameServerSet update should write (null: nothing) and the result to report when it is written.</summary>
internal sealed record TemplatePlan(TemplateWrite? Write, OperationResult Result);
