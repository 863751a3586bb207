namespace AigcGateway.Core.Access;

/// <summary>The forward-auth index of the current cluster snapshot (rebuilt when the snapshot changes, never per request).</summary>
public interface IForwardAuthIndexSource
{
    ForwardAuthIndex Current { get; }
}
