using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Access;

/// <summary>The forward-auth index of the current snapshot, rebuilt once per snapshot version (never per request).</summary>
internal sealed class ForwardAuthIndexSource(SnapshotHub hub) : IForwardAuthIndexSource
{
    private Built _built = new(-1, ForwardAuthIndex.Empty);

    public ForwardAuthIndex Current
    {
        get
        {
            var snapshot = hub.Current;
            var built = Volatile.Read(ref _built);
            if (built.Version == snapshot.Version)
            {
                return built.Index;
            }

            var index = ForwardAuthIndex.Build(EndpointProjector.Endpoints(snapshot));
            Volatile.Write(ref _built, new Built(snapshot.Version, index));
            return index;
        }
    }

    private sealed record Built(long Version, ForwardAuthIndex Index);
}
