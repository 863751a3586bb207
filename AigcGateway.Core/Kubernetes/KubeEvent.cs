using k8s;

namespace AigcGateway.Core.Kubernetes;

/// <summary>One watch event; an ERROR event (e.g. 410 Gone) has no object and carries the status code.</summary>
internal sealed record KubeEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion, int? ErrorCode = null)
    where T : class
{
    /// <summary>
    /// Not an event from the server: the watch request was answered and the stream is open (the first item of every
    /// watch), so a quiet watch can tell a good connection from a failing one.
    /// </summary>
    public bool Connected { get; init; }

    public static KubeEvent<T> Opened { get; } = new(WatchEventType.Bookmark, null, null) { Connected = true };
}
