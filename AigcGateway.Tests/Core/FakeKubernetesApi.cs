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
    private readonly Lock _lock = new();
    private readonly Dictionary<WatchedKind, Channel<object>> _streams = [];
    private readonly Dictionary<WatchedKind, TaskCompletionSource> _nextOpen = [];

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
        lock (_lock)
        {
            _streams[kind] = channel;
            WatchCalls.Enqueue((kind, resourceVersion));
            if (_nextOpen.Remove(kind, out var opened))
            {
                opened.TrySetResult();
            }
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return (KubeEvent<T>)item;
            }
        }
        finally
        {
            Forget(kind, channel);
        }
    }

    /// <summary>Sends an event on the open watch of <paramref name="kind"/> (waits for the watch to be open).</summary>
    public async Task SendAsync<T>(WatchedKind kind, KubeEvent<T> ev)
        where T : class
    {
        await (await OpenStream(kind)).Writer.WriteAsync(ev);
    }

    /// <summary>Ends the open watch of <paramref name="kind"/> as a dropped connection would.</summary>
    public async Task DropAsync(WatchedKind kind)
    {
        var channel = await OpenStream(kind);
        Forget(kind, channel);
        channel.Writer.TryComplete();
    }

    public Task<GameServerSet?> ReadGameServerSetAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GameServerSet> ReplaceGameServerSetAsync(GameServerSet gameServerSet, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PatchGameServerSetAsync(string @namespace, string name, string patch, bool jsonPatch, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeletePersistentVolumeClaimAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>The open watch of <paramref name="kind"/>, waiting (bounded) for the cache to open one.</summary>
    private async Task<Channel<object>> OpenStream(WatchedKind kind)
    {
        while (true)
        {
            Task opened;
            lock (_lock)
            {
                if (_streams.TryGetValue(kind, out var channel))
                {
                    return channel;
                }

                if (!_nextOpen.TryGetValue(kind, out var next))
                {
                    _nextOpen[kind] = next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                opened = next.Task;
            }

            try
            {
                await opened.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The cache opened no watch of {kind} within 10 s.");
            }
        }
    }

    private void Forget(WatchedKind kind, Channel<object> channel)
    {
        lock (_lock)
        {
            if (_streams.TryGetValue(kind, out var current) && current == channel)
            {
                _streams.Remove(kind);
            }
        }
    }
}
