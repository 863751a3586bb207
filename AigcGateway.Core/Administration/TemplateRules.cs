using System.Collections.Immutable;

namespace AigcGateway.Core.Administration;

/// <summary>What the gateway's configuration imposes on new templates.</summary>
/// <param name="Namespaces">namespaces templates may live in (empty = any)</param>
/// <param name="CookieDomain">instance hosts must lie inside it so the instance-access cookie reaches them, e.g. <c>.example.com</c></param>
/// <param name="PublicUrl">the dashboard's public URL, for the auth-url and auth-signin annotations</param>
/// <param name="CatalogLabels">labels the catalog selects templates by; new templates carry them</param>
public sealed record TemplateRules(
    ImmutableArray<string> Namespaces,
    string CookieDomain,
    Uri PublicUrl,
    ImmutableDictionary<string, string> CatalogLabels);
