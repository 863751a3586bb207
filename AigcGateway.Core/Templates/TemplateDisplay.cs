using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace AigcGateway.Core.Templates;

/// <summary>
/// Makes a template's display annotations safe to show: control characters and Unicode bidirectional overrides and
/// isolates (U+202A-U+202E, U+2066-U+2069, which can make <c>gnp.exe</c> read as <c>exe.png</c>) are removed, lengths
/// are capped, and the icon must be a <see cref="TemplateIcon"/>. Whatever had to change is a conformance warning for
/// administrators; users see the cleaned text.
/// </summary>
public static class TemplateDisplay
{
    public const int MaxDisplayNameLength = 80;
    public const int MaxDescriptionLength = 500;
    public const int MaxGpuTypeLength = 80;

    /// <summary>A character the catalog never shows: a control character or a bidi override/isolate.</summary>
    public static bool IsHidden(char c) => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    public static bool HasHiddenCharacters(string? text) => text is not null && text.Any(IsHidden);

    /// <summary>The text without hidden characters; line breaks, tabs and other controls become single spaces.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                space = result.Length > 0;
            }
            else if (!IsHidden(c))
            {
                if (space)
                {
                    result.Append(' ');
                    space = false;
                }

                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters: longer text is cut (never inside a surrogate pair) with an ellipsis.</summary>
    public static string Cap(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>The display annotations of a template (<paramref name="annotation"/> gives each by key) as the catalog shows them.</summary>
    public static DisplayAnnotations Read(Func<string, string?> annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var problems = ImmutableArray.CreateBuilder<ConformanceProblem>();
        var name = Text(annotation, TemplateAnnotations.DisplayName, MaxDisplayNameLength, problems);
        var description = Text(annotation, TemplateAnnotations.Description, MaxDescriptionLength, problems);
        var iconText = annotation(TemplateAnnotations.Icon);
        var icon = TemplateIcon.Parse(iconText);
        if (!icon.IsAccepted)
        {
            problems.Add(IconNotAccepted(iconText!));
        }

        var gpuType = Text(annotation, TemplateAnnotations.GpuType, MaxGpuTypeLength, problems);
        return new(name, description, icon.Kind == TemplateIconKind.None ? null : NullIfEmpty(icon.Value), gpuType, problems.ToImmutable());
    }

    /// <summary>The warning for an icon annotation that is not a <see cref="TemplateIcon"/> (the card shows the default icon).</summary>
    public static ConformanceProblem IconNotAccepted(string icon) => new(
        ConformanceCode.IconNotAccepted,
        ConformanceSeverity.Warning,
        TemplateAnnotations.Icon,
        Cap(Clean(icon), 100),
        TemplateIcon.AssetFolder);

    private static string? Text(Func<string, string?> annotation, string key, int max, ImmutableArray<ConformanceProblem>.Builder problems)
    {
        var text = annotation(key)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (HasHiddenCharacters(text))
        {
            text = Clean(text);
            problems.Add(new(
                ConformanceCode.DisplayTextHidden,
                ConformanceSeverity.Warning,
                key));
        }

        if (text.Length > max)
        {
            problems.Add(new(
                ConformanceCode.DisplayTextTooLong,
                ConformanceSeverity.Warning,
                key,
                text.Length.ToString(CultureInfo.InvariantCulture),
                max.ToString(CultureInfo.InvariantCulture)));
            text = Cap(text, max);
        }

        return NullIfEmpty(text);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
