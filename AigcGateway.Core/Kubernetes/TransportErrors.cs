using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// Failures below HTTP (connection refused or reset, DNS, TLS, an HTTP timeout) become <see cref="ClusterException"/>s
/// marked unreachable, so callers handle them like any other failure of the API instead of seeing raw socket errors.
/// </summary>
internal static class TransportErrors
{
    /// <summary>True for an exception that means the API could not be reached (not a cancellation the caller asked for).</summary>
    public static bool IsTransport(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException or IOException or System.Net.Sockets.SocketException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient's own timeout
        _ => false,
    };

    public static ClusterException Unreachable(Exception exception, string what) =>
        new($"{what}: the Kubernetes API could not be reached ({exception.Message})", exception) { Unreachable = true };
}
