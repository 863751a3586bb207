using System.Globalization;
using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Access;

/// <summary>
/// Where each owned instance of an Ingress template is published (pure): the host and path from the GameServer's
/// network status when it has one, else from the template's <c>Host</c>/<c>Path</c> settings with <c>&lt;id&gt;</c> filled in.
/// Instances of other network types are not listed: nothing can protect them.
/// </summary>
internal static class EndpointProjector
{
    public static IEnumerable<InstanceEndpoint> Endpoints(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var state in snapshot.Templates.Values)
        {
            var network = state.Template.Network;
            if (!network.CanBeProtected)
            {
                continue;
            }

            foreach (var (id, owner) in state.Owners)
            {
                var instance = new InstanceRef(state.Ref, id);
                var gs = snapshot.GameServer(instance);
                var address = gs?.ExternalAddresses.FirstOrDefault(a => !string.IsNullOrEmpty(a.EndPoint));
                var idText = id.ToString(CultureInfo.InvariantCulture);
                var host = address?.EndPoint
                    ?? network.ValuesOf("Host").FirstOrDefault()?.Replace("<id>", idText, StringComparison.Ordinal);
                if (string.IsNullOrWhiteSpace(host))
                {
                    continue;
                }

                var path = address?.Ports.Select(p => p.Name).FirstOrDefault(n => n is not null && n.StartsWith('/'))
                    ?? network.ValuesOf("Path").FirstOrDefault()?.Replace("<id>", idText, StringComparison.Ordinal)
                    ?? "/";
                yield return new InstanceEndpoint(instance, owner, host, path);
            }
        }
    }
}
