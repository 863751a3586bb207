using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The rules of a template's catalog entry, shared by the create form, the catalog-entry editor and the YAML review:
/// the catalog's length caps, no control characters or direction overrides, and only icons the catalog will show
/// (<see cref="TemplateIcon"/>, never on the dashboard's own host). Each error says what to write instead.
/// </summary>
public static class CatalogEntryRules
{
    public static string? DisplayNameError(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? AdministrationText.Get("DisplayName_Required")
            : TextError(value, TemplateDisplay.MaxDisplayNameLength, "DisplayName_Hidden", "DisplayName_Length");

    public static string? DescriptionError(string? value) => TextError(value, TemplateDisplay.MaxDescriptionLength, "Description_Hidden", "Description_Length");

    public static string? GpuTypeError(string? value) => TextError(value, TemplateDisplay.MaxGpuTypeLength, "GpuType_Hidden", "GpuType_Length");

    public static string? IconError(string? value, TemplateRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return TemplateIcon.Parse(value, rules.PublicUrl.Host).IsAccepted ? null : AdministrationText.Get("Icon_Format", rules.PublicUrl.Host);
    }

    /// <summary>Every problem of the catalog-entry editor's fields.</summary>
    public static ImmutableArray<string> Errors(string? displayName, string? description, string? icon, TemplateRules rules) =>
        [.. new[] { DisplayNameError(displayName), DescriptionError(description), IconError(icon, rules) }.OfType<string>()];

    /// <summary>
    /// The blocking problems of the display annotations in a manifest (all optional there: the display name defaults to
    /// the template's name). An icon that is not accepted is only a warning (<see cref="IconWarning"/>).
    /// </summary>
    public static ImmutableArray<string> ManifestErrors(JsonObject? annotations) =>
        [.. new[]
        {
            TextError(Annotation(annotations, TemplateAnnotations.DisplayName), TemplateDisplay.MaxDisplayNameLength, "DisplayName_Hidden", "DisplayName_Length"),
            DescriptionError(Annotation(annotations, TemplateAnnotations.Description)),
            GpuTypeError(Annotation(annotations, TemplateAnnotations.GpuType)),
        }.OfType<string>()];

    /// <summary>The warning for an icon annotation the catalog will not show (for this dashboard's host), or null.</summary>
    public static ConformanceProblem? IconWarning(string? icon, TemplateRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return TemplateIcon.Parse(icon, rules.PublicUrl.Host).IsAccepted ? null : TemplateDisplay.IconNotAccepted(icon ?? string.Empty);
    }

    /// <summary>
    /// The template as administrators of this dashboard see it: an icon on the dashboard's own host (which the catalog
    /// cannot know, and the card refuses) is dropped with a warning.
    /// </summary>
    public static Template OnDashboard(Template template, TemplateRules rules)
    {
        ArgumentNullException.ThrowIfNull(template);
        return IconWarning(template.Icon, rules) is { } warning ? template with { Icon = null, Problems = template.Problems.Add(warning) } : template;
    }

    private static string? TextError(string? value, int max, string hiddenKey, string lengthKey)
    {
        var text = value?.Trim() ?? string.Empty;
        if (TemplateDisplay.HasHiddenCharacters(text))
        {
            return AdministrationText.Get(hiddenKey);
        }

        return text.Length > max ? AdministrationText.Get(lengthKey, max) : null;
    }

    private static string? Annotation(JsonObject? annotations, string key) =>
        annotations?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
