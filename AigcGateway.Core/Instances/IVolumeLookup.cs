namespace AigcGateway.Core.Instances;

/// <summary>Asks the API server (not the cache) whether a PVC exists: the last check before an id is given away.</summary>
internal interface IVolumeLookup
{
    /// <summary>True while the PVC exists, Terminating included.</summary>
    Task<bool> ExistsAsync(string @namespace, string name, CancellationToken cancellationToken);
}
