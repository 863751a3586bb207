namespace AigcGateway.Core.Administration;

/// <summary>What saving an edit does: whether the pod template changed, and how many running instances restart because of it.</summary>
public sealed record EditImpact(bool PodTemplateChanged, int RestartingInstances)
{
    public bool OnlyMetadata => !PodTemplateChanged;
}
