namespace AigcGateway.Core.Kubernetes;

/// <summary>The items of a list call and the resourceVersion to watch from.</summary>
internal sealed record KubeList<T>(IReadOnlyList<T> Items, string ResourceVersion);
