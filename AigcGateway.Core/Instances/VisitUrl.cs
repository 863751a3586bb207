using System.Globalization;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>Builds the address a user opens: ingress endPoint + path, or <c>http://ip:port</c> for port-based networks.</summary>
public static class VisitUrl
{
    /// <param name="forceHttps">The gateway is configured to serve instances over HTTPS (e.g. TLS terminated in front of the ingress).</param>
    public static Uri? Build(TemplateNetwork network, GameServerObservation gameServer, bool forceHttps)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(gameServer);
        if (network.CanBeProtected)
        {
            var address = gameServer.ExternalAddresses.FirstOrDefault(a => !string.IsNullOrEmpty(a.EndPoint));
            if (address is null)
            {
                return null;
            }

            var scheme = network.HasTls || forceHttps ? "https" : "http";
            var path = address.Ports.Select(p => p.Name).FirstOrDefault(n => n is not null && n.StartsWith('/'))
                ?? network.ValuesOf("Path").FirstOrDefault()?.Replace("<id>", gameServer.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                ?? "/";
            if (!path.StartsWith('/'))
            {
                path = "/" + path;
            }

            return Uri.TryCreate($"{scheme}://{address.EndPoint}{path}", UriKind.Absolute, out var uri) ? uri : null;
        }

        foreach (var address in gameServer.ExternalAddresses)
        {
            var port = address.Ports.FirstOrDefault(p => p.Port > 0);
            if (!string.IsNullOrEmpty(address.Ip) && port is not null)
            {
                var host = address.Ip.Contains(':', StringComparison.Ordinal) ? $"[{address.Ip}]" : address.Ip;
                if (Uri.TryCreate($"http://{host}:{port.Port.ToString(CultureInfo.InvariantCulture)}/", UriKind.Absolute, out var uri))
                {
                    return uri;
                }
            }
        }

        return null;
    }
}
