using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Access;

/// <summary>
/// Where an instance is published and who owns it: the host of its ingress (exact, lower-case ASCII) and, for
/// path-based ingress, the path prefix that selects it ("/" for host-based ingress).
/// </summary>
public sealed record InstanceEndpoint(InstanceRef Instance, string OwnerId, string Host, string PathPrefix);
