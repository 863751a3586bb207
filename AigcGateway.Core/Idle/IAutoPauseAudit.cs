using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Idle;

/// <summary>Where the gateway's own pauses are recorded (the audit trail, when administration is registered).</summary>
public interface IAutoPauseAudit
{
    /// <param name="owner">the instance's owner</param>
    /// <param name="result">the pause's outcome</param>
    Task RecordAsync(InstanceRef instance, string owner, AutoPauseRecord record, OperationResult result, CancellationToken cancellationToken);
}
