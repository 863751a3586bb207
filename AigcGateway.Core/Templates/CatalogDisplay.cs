using System.Text.Json.Nodes;

namespace AigcGateway.Core.Templates;

/// <summary>
/// A template's catalog entry as its annotations hold it (display name, description, icon; null where absent), before
/// the catalog cleans it for display. What the catalog-entry editor reads, compares and writes.
/// </summary>
public sealed record CatalogDisplay(string? DisplayName, string? Description, string? Icon)
{
    public static CatalogDisplay None { get; } = new(null, null, null);

    /// <summary>The entry in a manifest's annotations.</summary>
    public static CatalogDisplay Of(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var annotations = manifest["metadata"]?["annotations"] as JsonObject;
        return Read(key => annotations?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null);
    }

    /// <summary>The entry read through <paramref name="annotation"/> (an annotation's value by key, null when absent).</summary>
    public static CatalogDisplay Read(Func<string, string?> annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return new(annotation(TemplateAnnotations.DisplayName), annotation(TemplateAnnotations.Description), annotation(TemplateAnnotations.Icon));
    }

    /// <summary>As written: trimmed, and an empty description or icon removed.</summary>
    public CatalogDisplay Trimmed() => new(DisplayName?.Trim(), Blank(Description), Blank(Icon));

    /// <summary>The change that writes this entry (a null field removes its annotation).</summary>
    public TemplateChange ToChange() => new TemplateChange()
        .Annotate(TemplateAnnotations.DisplayName, DisplayName)
        .Annotate(TemplateAnnotations.Description, Description)
        .Annotate(TemplateAnnotations.Icon, Icon);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
