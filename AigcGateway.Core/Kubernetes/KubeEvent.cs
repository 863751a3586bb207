using k8s;

namespace AigcGateway.Core.Kubernetes;

/// <summary>One watch event; an ERROR event (e.g. 410 Gone) has no object and carries the status code.</summary>
internal sealed record KubeEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion, int? ErrorCode = null)
    where T : class;
