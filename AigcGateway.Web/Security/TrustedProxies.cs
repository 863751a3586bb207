using System.Net;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace AigcGateway.Web.Security;

/// <summary>
/// Forwarded headers, configured deliberately: the gateway runs behind ingress-nginx, which terminates TLS and replaces
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> with what it saw. They are believed only from the trusted
/// proxies and only for the nearest hop. <c>X-Forwarded-Host</c> is not used: ingress-nginx passes the original
/// <c>Host</c>, and <c>/auth</c> reads <c>X-Forwarded-Host</c> itself as a description of the instance request.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Loopback and the private ranges, where a cluster's pod network (and so the ingress controller) lives.</summary>
    public static IReadOnlyList<string> Defaults { get; } =
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

    /// <summary>An address (a single host) or a CIDR range.</summary>
    public static bool TryParse(string? entry, out System.Net.IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        var text = entry.Trim();
        if (System.Net.IPNetwork.TryParse(text, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }

    /// <summary>Applies the gateway's choice to the middleware's options.</summary>
    public static void Configure(ForwardedHeadersOptions options, GatewayOptions gateway)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.RequireHeaderSymmetry = false;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in gateway.TrustedProxies.Count > 0 ? gateway.TrustedProxies : Defaults)
        {
            if (TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
        }
    }
}
