namespace AigcGateway.Core.Instances;

/// <summary>409 Conflict: the object changed since it was read.</summary>
public sealed class ClusterConflictException : ClusterException
{
    public ClusterConflictException()
    {
    }

    public ClusterConflictException(string message)
        : base(message)
    {
        StatusCode = 409;
    }

    public ClusterConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 409;
    }
}
