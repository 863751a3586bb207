using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>
/// What one GameServerSet update should change (null: nothing) and the result to report when it is written. A plan's
/// <see cref="TemplateWrite"/> converts to its <see cref="TemplateChange"/>.
/// </summary>
internal sealed record TemplatePlan(TemplateChange? Change, OperationResult Result);
