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
    private long _requestTicks;

    public long Requests => Interlocked.Read(ref _requests);

    public long GameServerSetWrites => Interlocked.Read(ref _gameServerSetWrites);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Time spent waiting for answers to requests other than watches (summed over concurrent requests).</summary>
    public TimeSpan RequestTime => TimeSpan.FromTicks(Interlocked.Read(ref _requestTicks));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var gssWrite = request.Method != HttpMethod.Get
            && request.RequestUri?.AbsolutePath.Contains("/gameserversets/", StringComparison.Ordinal) == true;
        if (gssWrite)
        {
            Interlocked.Increment(ref _gameServerSetWrites);
        }

        var watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!watch)
        {
            Interlocked.Add(ref _requestTicks, System.Diagnostics.Stopwatch.GetElapsedTime(start).Ticks);
        }

        if (gssWrite && response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            Interlocked.Increment(ref _conflicts);
        }

        return response;
    }
}
