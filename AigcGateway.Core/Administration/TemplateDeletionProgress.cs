namespace AigcGateway.Core.Administration;

/// <summary>How far a template deletion has got: the stage and a fraction from 0 to 1.</summary>
public sealed record TemplateDeletionProgress(TemplateDeletionStage Stage, double Fraction, string? Detail = null);
