using System.Collections.Immutable;
using AigcGateway.Core.Administration;
using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Hosting;

/// <summary>The administration's <see cref="TemplateRules"/> derived from the gateway's validated settings.</summary>
internal sealed class TemplateRulesFactory(IOptions<GatewayOptions> gateway) : IOptionsFactory<TemplateRules>
{
    public TemplateRules Create(string name) => RulesOf(gateway.Value);

    internal static TemplateRules RulesOf(GatewayOptions gateway) => new(
        [.. gateway.Namespaces],
        gateway.CookieDomainName is { } domain ? "." + domain : gateway.PublicUri?.Host ?? "localhost",
        gateway.PublicUri ?? new Uri("http://localhost"),
        gateway.TemplateLabels.ToImmutableDictionary(StringComparer.Ordinal));
}
