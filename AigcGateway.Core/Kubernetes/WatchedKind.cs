namespace AigcGateway.Core.Kubernetes;

/// <summary>The resources the cache lists and watches.</summary>
internal enum WatchedKind
{
    GameServerSets,
    GameServers,
    Pods,
    Events,
    Volumes,
}
