using k8s;
using k8s.Autorest;

namespace AigcGateway.Core.Kubernetes;

/// <summary>KubernetesClient's watch streams, typed for the cache.</summary>
internal static class WatchStreams
{
    /// <summary>Waits for the watch response's headers, then reads its events (typed; the typed reader is marked obsolete
    /// in favour of WatchList*Async, which has no typed variant for custom resources, so it is used for all kinds).</summary>
    internal static async Task<IAsyncEnumerable<(WatchEventType, TOut)>> OpenAsync<TIn, TList, TOut>(
        Task<HttpOperationResponse<TList>> request, Action<Exception> onError, CancellationToken cancellationToken)
        where TOut : class
    {
        var response = await request.ConfigureAwait(false);
#pragma warning disable CS0618
        return Cast<TIn, TOut>(Task.FromResult(response).WatchAsync<TIn, TList>(onError, cancellationToken));
#pragma warning restore CS0618
    }

    private static async IAsyncEnumerable<(WatchEventType, TOut)> Cast<TIn, TOut>(IAsyncEnumerable<(WatchEventType, TIn)> source)
        where TOut : class
    {
        await foreach (var (type, item) in source.ConfigureAwait(false))
        {
            yield return (type, (item as TOut)!);
        }
    }
}
