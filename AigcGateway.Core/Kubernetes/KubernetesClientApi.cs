using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using AigcGateway.Core.Instances;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

/// <summary><see cref="IKubernetesApi"/> over the real KubernetesClient (in-cluster, kubeconfig or a URL such as the emulator).</summary>
internal sealed class KubernetesClientApi(IKubernetes client) : IKubernetesApi
{
    private const string Group = GameServerSet.Group;
    private const string Version = GameServerSet.Version;

    /// <summary>The events the cache keeps: warnings about pods (scheduling, image pulls, mounts, back-offs).</summary>
    private const string PodWarnings = "involvedObject.kind=Pod,type=Warning";

    public async Task<KubeList<T>> ListAsync<T>(WatchedKind kind, string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where T : class
    {
        var selector = string.IsNullOrEmpty(labelSelector) ? null : labelSelector;
        try
        {
            switch (kind)
            {
                case WatchedKind.GameServerSets:
                {
                    using var list = await CustomList<GameServerSetList>(GameServerSet.Plural, @namespace, selector, null, false, cancellationToken).ConfigureAwait(false);
                    return new KubeList<T>([.. list.Body.Items.Cast<T>()], list.Body.Metadata?.ResourceVersion ?? string.Empty);
                }

                case WatchedKind.GameServers:
                {
                    using var list = await CustomList<GameServerList>(GameServer.Plural, @namespace, selector, null, false, cancellationToken).ConfigureAwait(false);
                    return new KubeList<T>([.. list.Body.Items.Cast<T>()], list.Body.Metadata?.ResourceVersion ?? string.Empty);
                }

                case WatchedKind.Pods:
                {
                    using var list = await Pods(@namespace, selector, null, false, cancellationToken).ConfigureAwait(false);
                    return new KubeList<T>([.. list.Body.Items.Cast<T>()], list.Body.Metadata?.ResourceVersion ?? string.Empty);
                }

                case WatchedKind.Events:
                {
                    using var list = await Events(@namespace, selector, null, false, cancellationToken).ConfigureAwait(false);
                    return new KubeList<T>([.. list.Body.Items.Cast<T>()], list.Body.Metadata?.ResourceVersion ?? string.Empty);
                }

                case WatchedKind.Volumes:
                {
                    using var list = await Volumes(@namespace, selector, null, false, cancellationToken).ConfigureAwait(false);
                    return new KubeList<T>([.. list.Body.Items.Cast<T>()], list.Body.Metadata?.ResourceVersion ?? string.Empty);
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
            }
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, $"list {kind}");
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, $"list {kind}");
        }
    }

    public async IAsyncEnumerable<KubeEvent<T>> WatchAsync<T>(
        WatchedKind kind,
        string? @namespace,
        string? labelSelector,
        string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var selector = string.IsNullOrEmpty(labelSelector) ? null : labelSelector;
        var errors = new ConcurrentQueue<Exception>();

        // KubernetesClient's watch call completes with the first line of the stream; the headers say earlier that the
        // connection is good (see WatchConnectionHandler), which matters on a watch that stays quiet
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<IAsyncEnumerable<(WatchEventType, T)>> opening;
        WatchConnectionHandler.Expect(connected);
        try
        {
            opening = kind switch
            {
                WatchedKind.GameServerSets => WatchStreams.OpenAsync<GameServerSet, GameServerSetList, T>(
                    CustomList<GameServerSetList>(GameServerSet.Plural, @namespace, selector, resourceVersion, true, cancellationToken), errors.Enqueue, cancellationToken),
                WatchedKind.GameServers => WatchStreams.OpenAsync<GameServer, GameServerList, T>(
                    CustomList<GameServerList>(GameServer.Plural, @namespace, selector, resourceVersion, true, cancellationToken), errors.Enqueue, cancellationToken),
                WatchedKind.Pods => WatchStreams.OpenAsync<V1Pod, V1PodList, T>(Pods(@namespace, selector, resourceVersion, true, cancellationToken), errors.Enqueue, cancellationToken),
                WatchedKind.Events => WatchStreams.OpenAsync<Corev1Event, Corev1EventList, T>(Events(@namespace, selector, resourceVersion, true, cancellationToken), errors.Enqueue, cancellationToken),
                WatchedKind.Volumes => WatchStreams.OpenAsync<V1PersistentVolumeClaim, V1PersistentVolumeClaimList, T>(
                    Volumes(@namespace, selector, resourceVersion, true, cancellationToken), errors.Enqueue, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
        }
        finally
        {
            WatchConnectionHandler.Expect(null);
        }

        await Task.WhenAny(opening, connected.Task).ConfigureAwait(false);
        var opened = connected.Task.IsCompleted || opening.IsCompletedSuccessfully;
        if (opened)
        {
            yield return KubeEvent<T>.Opened;
        }

        IAsyncEnumerable<(WatchEventType, T)> stream;
        try
        {
            stream = await opening.ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, $"watch {kind}");
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, $"watch {kind}");
        }

        if (!opened)
        {
            yield return KubeEvent<T>.Opened;
        }

        var enumerator = stream.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (HttpOperationException ex)
                {
                    throw Translate(ex, $"watch {kind}");
                }
                catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
                {
                    throw TransportErrors.Unreachable(ex, $"watch {kind}");
                }

                // the client reports ERROR events (e.g. 410 Gone) through onError, not by throwing
                while (errors.TryDequeue(out var error))
                {
                    if (error is KubernetesException { Status.Code: { } code })
                    {
                        yield return new KubeEvent<T>(WatchEventType.Error, null, null, code);
                    }
                    else
                    {
                        throw TransportErrors.IsTransport(error, cancellationToken)
                            ? TransportErrors.Unreachable(error, $"watch {kind}")
                            : new ClusterException($"watch {kind} failed: {error.Message}", error);
                    }
                }

                if (!more)
                {
                    yield break;
                }

                var (type, item) = enumerator.Current;
                var version = (item as IMetadata<V1ObjectMeta>)?.Metadata?.ResourceVersion;
                yield return new KubeEvent<T>(type, type == WatchEventType.Bookmark ? null : item, version);
            }
        }
    }

    public async Task<GameServerSet?> ReadGameServerSetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<GameServerSet>(
                Group, Version, @namespace, GameServerSet.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Body;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, $"read GameServerSet {@namespace}/{name}");
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, $"read GameServerSet {@namespace}/{name}");
        }
    }

    public async Task<GameServerSet> ReplaceGameServerSetAsync(GameServerSet gameServerSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gameServerSet);
        try
        {
            using var response = await client.CustomObjects.ReplaceNamespacedCustomObjectWithHttpMessagesAsync<GameServerSet>(
                gameServerSet,
                Group,
                Version,
                gameServerSet.Metadata.NamespaceProperty,
                GameServerSet.Plural,
                gameServerSet.Metadata.Name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Body;
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, $"update GameServerSet {gameServerSet.Metadata.NamespaceProperty}/{gameServerSet.Metadata.Name}");
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, $"update GameServerSet {gameServerSet.Metadata.NamespaceProperty}/{gameServerSet.Metadata.Name}");
        }
    }

    public async Task PatchGameServerSetAsync(string @namespace, string name, string patch, bool jsonPatch, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync(
                new V1Patch(patch, jsonPatch ? V1Patch.PatchType.JsonPatch : V1Patch.PatchType.MergePatch),
                Group,
                Version,
                @namespace,
                GameServerSet.Plural,
                name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, $"patch GameServerSet {@namespace}/{name}");
        }
    }

    public async Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await client.CoreV1.DeleteNamespacedPodWithHttpMessagesAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // already gone
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, $"delete pod {@namespace}/{name}");
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, $"delete pod {@namespace}/{name}");
        }
    }

    public async Task<bool> DeletePersistentVolumeClaimAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await client.CoreV1.DeleteNamespacedPersistentVolumeClaimWithHttpMessagesAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, $"delete PVC {@namespace}/{name}");
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, $"delete PVC {@namespace}/{name}");
        }

        try
        {
            using var _ = await client.CoreV1.ReadNamespacedPersistentVolumeClaimWithHttpMessagesAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, $"read PVC {@namespace}/{name}");
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, $"read PVC {@namespace}/{name}");
        }
    }

    internal static ClusterException Translate(HttpOperationException ex, string what)
    {
        var code = (int)ex.Response.StatusCode;
        var message = $"{what}: {(int)ex.Response.StatusCode} {ex.Response.ReasonPhrase}";
        return code == 409 ? new ClusterConflictException(message, ex) : new ClusterException(message, ex) { StatusCode = code };
    }

    private Task<HttpOperationResponse<TList>> CustomList<TList>(string plural, string? ns, string? selector, string? resourceVersion, bool watch, CancellationToken ct) =>
        ns is null
            ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<TList>(
                Group, Version, plural, allowWatchBookmarks: watch ? true : null, labelSelector: selector, resourceVersion: resourceVersion, watch: watch, cancellationToken: ct)
            : client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<TList>(
                Group, Version, ns, plural, allowWatchBookmarks: watch ? true : null, labelSelector: selector, resourceVersion: resourceVersion, watch: watch, cancellationToken: ct);

    private Task<HttpOperationResponse<V1PodList>> Pods(string? ns, string? selector, string? resourceVersion, bool watch, CancellationToken ct) =>
        ns is null
            ? client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: watch ? true : null, labelSelector: selector, resourceVersion: resourceVersion, watch: watch, cancellationToken: ct)
            : client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(ns, allowWatchBookmarks: watch ? true : null, labelSelector: selector, resourceVersion: resourceVersion, watch: watch, cancellationToken: ct);

    private Task<HttpOperationResponse<Corev1EventList>> Events(string? ns, string? selector, string? resourceVersion, bool watch, CancellationToken ct) =>
        ns is null
            ? client.CoreV1.ListEventForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: watch ? true : null, fieldSelector: PodWarnings, labelSelector: selector, resourceVersion: resourceVersion, watch: watch, cancellationToken: ct)
            : client.CoreV1.ListNamespacedEventWithHttpMessagesAsync(
                ns, allowWatchBookmarks: watch ? true : null, fieldSelector: PodWarnings, labelSelector: selector, resourceVersion: resourceVersion, watch: watch, cancellationToken: ct);

    private Task<HttpOperationResponse<V1PersistentVolumeClaimList>> Volumes(string? ns, string? selector, string? resourceVersion, bool watch, CancellationToken ct) =>
        ns is null
            ? client.CoreV1.ListPersistentVolumeClaimForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: watch ? true : null, labelSelector: selector, resourceVersion: resourceVersion, watch: watch, cancellationToken: ct)
            : client.CoreV1.ListNamespacedPersistentVolumeClaimWithHttpMessagesAsync(ns, allowWatchBookmarks: watch ? true : null, labelSelector: selector, resourceVersion: resourceVersion, watch: watch, cancellationToken: ct);
}
