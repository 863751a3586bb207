using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Access;

/// <summary>
/// Where each owned instance of an Ingress template is published (pure): the host and path its GameServer's network
/// status reports (OKG names each port after the Ingress path). An instance without a published address (paused: no
/// GameServer; starting: no address yet) has no Ingress, so it is not listed: deriving an address from the template's
/// pattern would let its owner in wherever nginx sends that address, e.g. to a running neighbour whose plain-prefix
/// path (<c>/u-1</c>) also matches <c>/u-11</c>. Instances of other network types are not listed: nothing can protect them.
/// </summary>
internal static class EndpointProjector
{
    public static IEnumerable<InstanceEndpoint> Endpoints(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var state in snapshot.Templates.Values)
        {
            if (!state.Template.Network.CanBeProtected)
            {
                continue;
            }

            foreach (var (id, owner) in state.Owners)
            {
                var instance = new InstanceRef(state.Ref, id);
                var address = snapshot.GameServer(instance)?.ExternalAddresses.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a.EndPoint));
                var path = address?.Ports.Select(p => p.Name).FirstOrDefault(n => n is not null && n.StartsWith('/'));
                if (address is null || path is null)
                {
                    continue;
                }

                yield return new InstanceEndpoint(instance, owner, address.EndPoint!, path);
            }
        }
    }
}
