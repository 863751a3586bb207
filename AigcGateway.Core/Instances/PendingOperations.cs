using System.Collections.Concurrent;
using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>Operations this process started and whose effect the cache may not show yet (or that failed).</summary>
internal sealed class PendingOperations(SnapshotHub hub, TimeProvider time, TimeSpan timeout)
{
    private readonly ConcurrentDictionary<InstanceRef, (string Owner, PendingMarker Marker)> _markers = new();

    public void Start(InstanceRef instance, string owner, PendingOperation operation, string? replacedUid = null)
    {
        _markers[instance] = (owner, new PendingMarker(operation, time.GetUtcNow(), null, replacedUid));
        hub.Touch();
    }

    public void Fail(InstanceRef instance, string owner, PendingOperation operation, InstanceDiagnostic failure)
    {
        _markers[instance] = (owner, new PendingMarker(operation, time.GetUtcNow(), failure));
        hub.Touch();
    }

    public void Clear(InstanceRef instance)
    {
        if (_markers.TryRemove(instance, out _))
        {
            hub.Touch();
        }
    }

    public PendingMarker? Get(InstanceRef instance) => _markers.TryGetValue(instance, out var entry) ? entry.Marker : null;

    /// <summary>Forgets a failure once an operation on the instance has succeeded.</summary>
    public void ClearFailure(InstanceRef instance)
    {
        if (_markers.TryGetValue(instance, out var entry) && entry.Marker.Failure is not null && _markers.TryRemove(new KeyValuePair<InstanceRef, (string, PendingMarker)>(instance, entry)))
        {
            hub.Touch();
        }
    }

    /// <summary>The live markers of one user (expired ones, except failures, are dropped).</summary>
    public ImmutableDictionary<InstanceRef, PendingMarker> Of(string owner)
    {
        var now = time.GetUtcNow();
        var builder = ImmutableDictionary.CreateBuilder<InstanceRef, PendingMarker>();
        foreach (var (instance, (markerOwner, marker)) in _markers)
        {
            if (marker.Failure is null && now - marker.Started > timeout)
            {
                _markers.TryRemove(new KeyValuePair<InstanceRef, (string, PendingMarker)>(instance, (markerOwner, marker)));
                continue;
            }

            if (string.Equals(markerOwner, owner, StringComparison.Ordinal))
            {
                builder[instance] = marker;
            }
        }

        return builder.ToImmutable();
    }
}
