namespace AigcGateway.Core.Administration;

/// <summary>The steps of a template deletion, in order (the template is deleted last, so an interrupted deletion can resume).</summary>
public enum TemplateDeletionStage
{
    Marking,
    StoppingInstances,
    DeletingVolumes,
    CleaningUserData,
    DeletingTemplate,
    Done,
}
