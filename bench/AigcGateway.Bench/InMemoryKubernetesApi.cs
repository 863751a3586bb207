using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AigcGateway.Core.Kubernetes;

namespace AigcGateway.Bench;

/// <summary>
/// Serves fixed lists to the cache (no HTTP, no JSON), so that timing a cold start measures only the mapping and the
/// snapshot build. Watches stay open; <see cref="Push{T}"/> feeds one event into a kind's watch.
/// </summary>
internal sealed class InMemoryKubernetesApi : IKubernetesApi
{
    private readonly ConcurrentDictionary<WatchedKind, Channel<object>> _watches = new();

    public ConcurrentDictionary<WatchedKind, IReadOnlyList<object>> Lists { get; } = new();

    public Task<KubeList<T>> ListAsync<T>(WatchedKind kind, string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where T : class =>
        Task.FromResult(new KubeList<T>([.. Lists.GetValueOrDefault(kind, []).Cast<T>()], "1"));

    public async IAsyncEnumerable<KubeEvent<T>> WatchAsync<T>(
        WatchedKind kind,
        string? @namespace,
        string? labelSelector,
        string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var channel = _watches.GetOrAdd(kind, _ => Channel.CreateUnbounded<object>());
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return (KubeEvent<T>)item;
        }
    }

    public void Push<T>(WatchedKind kind, KubeEvent<T> ev)
        where T : class =>
        _watches.GetOrAdd(kind, _ => Channel.CreateUnbounded<object>()).Writer.TryWrite(ev);

    /// <summary>Forgets the lists and the watch channels (a cancelled watch's continuation stays queued in its channel).</summary>
    public void Reset()
    {
        Lists.Clear();
        foreach (var channel in _watches.Values)
        {
            channel.Writer.TryComplete();
        }

        _watches.Clear();
    }

    public Task<GameServerSet?> ReadGameServerSetAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the snapshot benchmark makes no writes");

    public Task<GameServerSet> ReplaceGameServerSetAsync(GameServerSet gameServerSet, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the snapshot benchmark makes no writes");

    public Task PatchGameServerSetAsync(string @namespace, string name, string patch, bool jsonPatch, CancellationToken cancellationToken) =>
        throw new NotSupportedException("mirror marks are not part of this fake");

    public Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the snapshot benchmark makes no writes");

    public Task<bool> DeletePersistentVolumeClaimAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the snapshot benchmark makes no writes");
}
