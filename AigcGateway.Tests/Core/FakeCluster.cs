using System.Collections.Immutable;
using System.Globalization;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Tests.Core;

/// <summary>
/// In-memory template store with a tiny OKG: every accepted write is applied like the controller would (lowest free ids
/// created, reserved ids deleted) and published to the hub as the watch would.
/// </summary>
internal sealed class FakeCluster : ITemplateStore, IMirrorMarks
{
    private readonly Lock _lock = new();
    private readonly SortedSet<int> _gameServers = [];
    private readonly HashSet<string> _volumes = [];
    private TemplateState _state;
    private long _version = 100;

    public FakeCluster(SnapshotHub hub, Template? template = null)
    {
        Hub = hub;
        var t = template ?? TestTemplates.Template() with { DataVolumeNames = ["user-data", "models"] };
        _state = new TemplateState
        {
            Template = t,
            Replicas = 0,
            Reserved = ReserveIdSet.Empty,
            Owners = OwnershipRecord.Empty,
            ResourceVersion = "100",
            ReserveFormat = ReserveIdFormat.Ranges,
        };
        Publish();
    }

    public SnapshotHub Hub { get; }

    public TemplateRef Ref => _state.Ref;

    public TemplateState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public ImmutableSortedSet<int> GameServers
    {
        get
        {
            lock (_lock)
            {
                return [.. _gameServers];
            }
        }
    }

    public ImmutableHashSet<string> Volumes
    {
        get
        {
            lock (_lock)
            {
                return [.. _volumes];
            }
        }
    }

    public int Writes { get; private set; }

    public int Reads { get; private set; }

    /// <summary>The next N writes fail with 409 (another writer changed the object first).</summary>
    public int ConflictsToInject { get; set; }

    /// <summary>GameServerSet writes fail with this exception (e.g. a 500).</summary>
    public ClusterException? WriteFailure { get; set; }

    /// <summary>Volume deletions fail with this exception.</summary>
    public ClusterException? VolumeDeleteFailure { get; set; }

    /// <summary>
    /// Volumes whose deletion is accepted but not finished (a real PVC keeps its protection finalizer while in use):
    /// deleting one answers "not gone yet" and leaves it in <see cref="Volumes"/>.
    /// </summary>
    public HashSet<string> TerminatingVolumes { get; } = [];

    /// <summary>When false, writes are accepted but no GameServers are created or deleted.</summary>
    public bool RunController { get; set; } = true;

    /// <summary>
    /// Like OKG with <c>scaleDownStrategyType: ReserveIds</c>: ids removed by a scale-down are written back into the
    /// reserve list (off by default: most tests look at the gateway's own writes only).
    /// </summary>
    public bool ReserveImplicitIds { get; set; }

    public List<InstanceRef> DeletedPods { get; } = [];

    public Task<TemplateState?> ReadAsync(TemplateRef template, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Reads++;
            return Task.FromResult<TemplateState?>(template == _state.Ref ? _state : null);
        }
    }

    /// <summary>Annotations written through <see cref="WriteAsync"/> other than the ones the state carries (the deletion mark).</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; private set; } = ImmutableSortedDictionary<string, string>.Empty;

    public Task<TemplateState> WriteAsync(TemplateState basis, TemplateChange change, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Writes++;
            if (WriteFailure is not null)
            {
                throw WriteFailure;
            }

            if (ConflictsToInject > 0)
            {
                ConflictsToInject--;
                Bump(_state);
                throw new ClusterConflictException("injected conflict");
            }

            if (basis.ResourceVersion != _state.ResourceVersion)
            {
                throw new ClusterConflictException($"stale resourceVersion {basis.ResourceVersion}, current {_state.ResourceVersion}");
            }

            foreach (var (key, value) in change.Annotations)
            {
                Annotations = value is null ? Annotations.Remove(key) : Annotations.SetItem(key, value);
            }

            var changed = _state with { Deletion = TemplateAnnotations.ParseDeletion(Annotations.GetValueOrDefault(TemplateAnnotations.Deletion)) };
            Bump(change.Write is not { } write
                ? changed
                : changed with { Replicas = write.Replicas, Reserved = write.Reserved, Owners = write.Owners, ReserveFormat = write.ReserveFormat });
            if (RunController)
            {
                Reconcile();
            }

            Publish();
            return Task.FromResult(_state);
        }
    }

    public Task DeletePodAsync(InstanceRef instance, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            DeletedPods.Add(instance);
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteVolumeAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (VolumeDeleteFailure is not null)
            {
                throw VolumeDeleteFailure;
            }

            if (TerminatingVolumes.Contains(name))
            {
                return Task.FromResult(false);
            }

            _volumes.Remove(name);
            Publish();
            return Task.FromResult(true);
        }
    }

    public Task MarkAsync(TemplateRef template, string userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_state.MirrorMarks.ContainsKey(userId))
            {
                Bump(_state with { MirrorMarks = _state.MirrorMarks.Add(userId, $"mark-{_version}") });
                Publish();
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> UnmarkAsync(TemplateRef template, string userId, string since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_state.MirrorMarks.GetValueOrDefault(userId) != since)
            {
                return Task.FromResult(false);
            }

            Bump(_state with { MirrorMarks = _state.MirrorMarks.Remove(userId) });
            Publish();
            return Task.FromResult(true);
        }
    }

    /// <summary>Sets up a GameServer directly (e.g. one created by an older OKG with another id).</summary>
    public void AddGameServer(int id)
    {
        lock (_lock)
        {
            _gameServers.Add(id);
            Publish();
        }
    }

    public void RemoveGameServer(int id)
    {
        lock (_lock)
        {
            _gameServers.Remove(id);
            Publish();
        }
    }

    /// <summary>Sets replicas/reserve/owners as another writer would (bumps the resourceVersion).</summary>
    public void Set(Func<TemplateState, TemplateState> change)
    {
        lock (_lock)
        {
            Bump(change(_state));
            if (RunController)
            {
                Reconcile();
            }

            Publish();
        }
    }

    private void Bump(TemplateState next) =>
        _state = next with { ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture) };

    private void Reconcile()
    {
        _gameServers.RemoveWhere(_state.Reserved.Contains);
        while (_gameServers.Count > _state.Replicas)
        {
            var victim = _gameServers.Max;
            _gameServers.Remove(victim);
            if (ReserveImplicitIds)
            {
                Bump(_state with { Reserved = _state.Reserved.Add(victim) });
            }
        }

        while (_gameServers.Count < _state.Replicas)
        {
            var id = IdAllocator.NextId(_gameServers, _state.Reserved);
            _gameServers.Add(id);
            foreach (var volume in _state.DataVolumesOf(id))
            {
                _volumes.Add(volume);
            }
        }
    }

    private void Publish()
    {
        var state = _state;
        var servers = _gameServers.ToImmutableDictionary(id => id, id => new GameServerObservation
        {
            Id = id,
            CurrentState = "Ready",
            NetworkState = "Ready",
            ExternalAddresses = [new NetworkAddress("", $"i{id}.example.com", [new NetworkPort("/", 80)])],
        });
        var volumes = _volumes.Select(v => $"{state.Ref.Namespace}/{v}").ToImmutableHashSet();
        Hub.Publish(s => s with
        {
            IsReady = true,
            Templates = s.Templates.SetItem(state.Ref, state),
            GameServers = s.GameServers.SetItem(state.Ref, servers),
            Volumes = volumes,
        });
    }
}
