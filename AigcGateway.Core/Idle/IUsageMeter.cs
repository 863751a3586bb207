using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Idle;

/// <summary>Measures the GPU and CPU use of running instances' pods (the leader's activity source besides forward auth).</summary>
public interface IUsageMeter
{
    /// <summary>
    /// One sample per instance whose pod the source knows (an instance it has no value for is absent). Throws
    /// <see cref="UsageMeterException"/> when the source cannot be asked or answers with an error.
    /// </summary>
    Task<IReadOnlyDictionary<InstanceRef, UsageSample>> MeasureAsync(IReadOnlyCollection<InstanceRef> instances, CancellationToken cancellationToken);
}
