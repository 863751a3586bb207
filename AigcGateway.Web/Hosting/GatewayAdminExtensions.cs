using AigcGateway.Core.Administration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Hosting;

/// <summary>The administration pages' services (<see cref="IAdministration"/>), with the template rules from the gateway's options.</summary>
public static class GatewayAdminExtensions
{
    /// <summary>Call after <c>AddGatewayCluster</c>.</summary>
    public static WebApplicationBuilder AddGatewayAdministration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IOptionsFactory<TemplateRules>, TemplateRulesFactory>();
        builder.Services.AddGatewayAdministrationCore();
        return builder;
    }
}
