using System.Net;

namespace AigcGateway.Emulators.Logto;

/// <summary>Fault injection and call counters for the Management API (test hooks; thread-safe).</summary>
internal sealed class LogtoFaults
{
    private readonly Lock _lock = new();
    private int _remaining;
    private HttpStatusCode _status;
    private int _apiCalls;
    private int _m2mTokens;

    public int ApiCalls => Volatile.Read(ref _apiCalls);

    public int M2mTokensIssued => Volatile.Read(ref _m2mTokens);

    public void Inject(int count, HttpStatusCode status)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _remaining = count;
            _status = status;
        }
    }

    /// <summary>Counts an API call; returns the status to fail it with, if a failure is pending.</summary>
    public HttpStatusCode? NextApiCall()
    {
        Interlocked.Increment(ref _apiCalls);
        lock (_lock)
        {
            if (_remaining == 0)
            {
                return null;
            }

            _remaining--;
            return _status;
        }
    }

    public void CountM2mToken() => Interlocked.Increment(ref _m2mTokens);
}
