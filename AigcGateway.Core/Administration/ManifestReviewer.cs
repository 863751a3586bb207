using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Reviews a manifest an administrator wrote: its shape first (nothing reads a field of the wrong type), then the rules
/// (kind, name, namespace) and the conformance findings the catalog would show.
/// </summary>
internal static class ManifestReviewer
{
    private const string ApiVersion = GameServerSet.Group + "/" + GameServerSet.Version;

    public static ManifestReview Review(JsonObject manifest, TemplateRules rules, Func<JsonObject, ImmutableArray<ConformanceProblem>> conformance)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(conformance);
        if (ManifestShape.Check(manifest) is { IsEmpty: false } misfits)
        {
            // nothing below may read a field of the wrong type
            return new ManifestReview(misfits, []);
        }

        var errors = ImmutableArray.CreateBuilder<string>();
        if (Text(manifest["apiVersion"]) != ApiVersion || Text(manifest["kind"]) != "GameServerSet")
        {
            errors.Add(AdministrationText.Get("Manifest_Kind", ApiVersion));
        }

        var name = Text(Field(manifest, "metadata", "name")) ?? string.Empty;
        if (name.Length == 0 || name.Length > KubernetesNames.MaxTemplateNameLength || !KubernetesNames.Dns1035Label().IsMatch(name))
        {
            errors.Add(AdministrationText.Get("Name_Format"));
        }

        var ns = Text(Field(manifest, "metadata", "namespace")) ?? string.Empty;
        if (ns.Length == 0)
        {
            errors.Add(AdministrationText.Get("Namespace_Required"));
        }
        else if (!rules.Namespaces.IsDefaultOrEmpty && !rules.Namespaces.Contains(ns, StringComparer.Ordinal))
        {
            errors.Add(AdministrationText.Get("Namespace_NotAllowed", string.Join(", ", rules.Namespaces)));
        }

        // display text the catalog would have to cut or clean is refused as the form refuses it (the same messages)
        var annotations = Field(manifest, "metadata", "annotations") as JsonObject;
        errors.AddRange(CatalogEntryRules.ManifestErrors(annotations));

        ImmutableArray<ConformanceProblem> problems = [];
        try
        {
            problems = [.. conformance(manifest).Where(p => p.Code is not (ConformanceCode.DisplayTextTooLong or ConformanceCode.DisplayTextHidden))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            errors.Add(AdministrationText.Get("Manifest_Shape", e.Message));
        }

        // the catalog cannot know the dashboard's host; the review can
        if (!problems.Any(p => p.Code == ConformanceCode.IconNotAccepted)
            && CatalogEntryRules.IconWarning(Text(annotations?[TemplateAnnotations.Icon]), rules) is { } icon)
        {
            problems = problems.Add(icon);
        }

        return new ManifestReview(errors.ToImmutable(), problems);
    }

    public static TemplateRef RefOf(JsonObject manifest) =>
        new(Text(Field(manifest, "metadata", "namespace")) ?? string.Empty, Text(Field(manifest, "metadata", "name")) ?? string.Empty);

    /// <summary>A nested field, or null where any level is missing or not a mapping (never throws on a misshapen manifest).</summary>
    public static JsonNode? Field(JsonObject manifest, string section, string name) => (manifest[section] as JsonObject)?[name];

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
