namespace AigcGateway.Core.Instances;

/// <summary>Who looks at an instance: its owner on the dashboard, or an administrator on the instances page.</summary>
public enum ActionViewer
{
    Owner,
    Administrator,
}
