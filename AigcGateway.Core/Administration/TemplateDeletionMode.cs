namespace AigcGateway.Core.Administration;

/// <summary>What a template deletion does with the users' data volumes.</summary>
public enum TemplateDeletionMode
{
    KeepVolumes,
    DeleteVolumes,
}
