namespace AigcGateway.Bench;

/// <summary>
/// Counts the Kubernetes API requests the production client sends (a <see cref="DelegatingHandler"/> inside the
/// KubernetesClient pipeline): all requests, GameServerSet writes, and writes answered 409 Conflict.
/// </summary>
internal sealed class ApiCallCounter : DelegatingHandler
{
    private long _requests;
    private long _gameServerSetWrites;
    private long _conflicts;

    public long Requests => Interlocked.Read(ref _requests);

    public long GameServerSetWrites => Interlocked.Read(ref _gameServerSetWrites);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var gssWrite = request.Method != HttpMethod.Get
            && request.RequestUri?.AbsolutePath.Contains("/gameserversets/", StringComparison.Ordinal) == true;
        if (gssWrite)
        {
            Interlocked.Increment(ref _gameServerSetWrites);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (gssWrite && response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            Interlocked.Increment(ref _conflicts);
        }

        return response;
    }
}
