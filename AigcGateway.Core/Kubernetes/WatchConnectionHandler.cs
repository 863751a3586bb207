namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// Tells a watch that its request was answered (the response headers arrived) before any event does. KubernetesClient's
/// watch calls return only once the first line of the stream has arrived, which a quiet watch (PVCs) may not send for
/// minutes; the cache needs to know the connection is good to start its backoff over.
/// </summary>
internal sealed class WatchConnectionHandler : DelegatingHandler
{
    private static readonly AsyncLocal<TaskCompletionSource?> s_expected = new();

    /// <summary>
    /// The next request started from the calling flow completes <paramref name="connected"/> when answered with a
    /// success status; call again with null once the request has started.
    /// </summary>
    public static void Expect(TaskCompletionSource? connected) => s_expected.Value = connected;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var connected = s_expected.Value;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (connected is not null && response.IsSuccessStatusCode)
        {
            connected.TrySetResult();
        }

        return response;
    }
}
