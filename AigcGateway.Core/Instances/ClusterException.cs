namespace AigcGateway.Core.Instances;

/// <summary>The Kubernetes API refused or failed a call.</summary>
public class ClusterException : Exception
{
    public ClusterException()
    {
    }

    public ClusterException(string message)
        : base(message)
    {
    }

    public ClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status code, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The API could not be reached at all (connection refused or reset, timeout): no status code.</summary>
    public bool Unreachable { get; init; }
}
