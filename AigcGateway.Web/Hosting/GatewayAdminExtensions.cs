using System.Collections.Immutable;
using AigcGateway.Core.Administration;
using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Hosting;

/// <summary>The administration pages' services (<see cref="IAdministration"/>), with the template rules from the gateway's options.</summary>
public static class GatewayAdminExtensions
{
    /// <summary>Call after <c>AddGatewayCluster</c>.</summary>
    public static WebApplicationBuilder AddGatewayAdministration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGatewayAdministrationCore(sp => RulesOf(sp.GetRequiredService<IOptions<GatewayOptions>>().Value));
        return builder;
    }

    internal static TemplateRules RulesOf(GatewayOptions gateway) => new(
        [.. gateway.Namespaces],
        gateway.CookieDomainName is { } domain ? "." + domain : gateway.PublicUri?.Host ?? "localhost",
        gateway.PublicUri ?? new Uri("http://localhost"),
        gateway.TemplateLabels.ToImmutableDictionary(StringComparer.Ordinal));
}
