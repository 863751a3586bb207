using System.Collections.Immutable;

namespace AigcGateway.Core.Instances;

/// <summary>One entry of a GameServer's <c>networkStatus.externalAddresses</c>.</summary>
public sealed record NetworkAddress(string? Ip, string? EndPoint, ImmutableArray<NetworkPort> Ports);
