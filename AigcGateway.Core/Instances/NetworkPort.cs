namespace AigcGateway.Core.Instances;

/// <summary>A port of a GameServer address; for Kubernetes-Ingress the name is the ingress path.</summary>
public sealed record NetworkPort(string? Name, int Port);
