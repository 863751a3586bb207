namespace AigcGateway.Core.Storage.Audit;

/// <summary>How an audited action ended.</summary>
public enum AuditOutcome
{
    Succeeded,
    Failed,

    /// <summary>Forward auth refused a signed-in user (someone else's instance).</summary>
    Denied,
}
