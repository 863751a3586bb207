using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AigcGateway.Core.Kubernetes;

namespace AigcGateway.Tests.Core;

/// <summary>
/// In-memory <see cref="IKubernetesApi"/> for the cache: lists return what the test set; each watch call opens a stream
/// the test feeds (events, 410, or a drop by completing it). Calls are recorded.
/// </summary>
internal sealed class FakeKubernetesApi : IKubernetesApi
{
    private readonly ConcurrentDictionary<WatchedKind, Channel<object>> _streams = new();

    public ConcurrentDictionary<WatchedKind, (IReadOnlyList<object> Items, string Version)> Lists { get; } = new();

    public ConcurrentQueue<(WatchedKind Kind, string? Namespace, string? Selector)> ListCalls { get; } = new();

    public ConcurrentQueue<(WatchedKind Kind, string ResourceVersion)> WatchCalls { get; } = new();

    /// <summary>When set, lists of this kind wait for the task (to observe readiness before the first list).</summary>
    public TaskCompletionSource? HoldList { get; set; }

    public WatchedKind HeldKind { get; set; }

    public int ListCount(WatchedKind kind) => ListCalls.Count(c => c.Kind == kind);

    public int WatchCount(WatchedKind kind) => WatchCalls.Count(c => c.Kind == kind);

    public async Task<KubeList<T>> ListAsync<T>(WatchedKind kind, string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where T : class
    {
        ListCalls.Enqueue((kind, @namespace, labelSelector));
        if (HoldList is { } hold && kind == HeldKind)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        var (items, version) = Lists.GetValueOrDefault(kind, ([], "1"));
        return new KubeList<T>([.. items.Cast<T>()], version);
    }

    public async IAsyncEnumerable<KubeEvent<T>> WatchAsync<T>(
        WatchedKind kind,
        string? @namespace,
        string? labelSelector,
        string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var channel = Channel.CreateUnbounded<object>();
        _streams[kind] = channel;
        WatchCalls.Enqueue((kind, resourceVersion));
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return (KubeEvent<T>)item;
        }
    }

    /// <summary>Sends an event on the open watch of <paramref name="kind"/> (waits for the watch to be open).</summary>
    public async Task SendAsync<T>(WatchedKind kind, KubeEvent<T> ev)
        where T : class
    {
        await (await OpenStream(kind)).Writer.WriteAsync(ev);
    }

    /// <summary>Ends the open watch of <paramref name="kind"/> as a dropped connection would.</summary>
    public async Task DropAsync(WatchedKind kind) => (await OpenStream(kind)).Writer.TryComplete();

    public Task<GameServerSet?> ReadGameServerSetAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GameServerSet> ReplaceGameServerSetAsync(GameServerSet gameServerSet, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PatchGameServerSetAsync(string @namespace, string name, string patch, bool jsonPatch, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeletePersistentVolumeClaimAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    private async Task<Channel<object>> OpenStream(WatchedKind kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!_streams.TryGetValue(kind, out var channel) || channel.Reader.Completion.IsCompleted)
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }

        return _streams[kind];
    }
}
