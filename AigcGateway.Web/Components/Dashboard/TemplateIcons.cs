using System.Collections.Frozen;
using System.Reflection;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>
/// Turns a template's <c>aigc-gateway.io/icon</c> annotation into what the card shows: an image URL (http, https or
/// a path on this site), else a Material icon by name (<c>palette</c>, <c>auto_awesome</c>, <c>AutoAwesome</c>).
/// </summary>
public static class TemplateIcons
{
    /// <summary>The icon of a template without one, or with a name that is not a Material icon.</summary>
    public const string Default = Icons.Material.Filled.AutoAwesome;

    private static readonly FrozenDictionary<string, string> Exact = typeof(Icons.Material.Filled)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(string) && f.IsLiteral)
        .ToFrozenDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

    // a few names differ only in case (AddChart, Addchart): any of them will do
    private static readonly FrozenDictionary<string, string> AnyCase = Exact
        .DistinctBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The annotation is an image address the browser may load.</summary>
    public static bool IsImageUrl(string? icon)
    {
        if (string.IsNullOrWhiteSpace(icon))
        {
            return false;
        }

        icon = icon.Trim();
        if (icon.StartsWith('/') && !icon.StartsWith("//", StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(icon, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
    }

    /// <summary>The SVG of the Material icon the annotation names, or <see cref="Default"/>.</summary>
    public static string Material(string? icon)
    {
        if (string.IsNullOrWhiteSpace(icon) || IsImageUrl(icon))
        {
            return Default;
        }

        var parts = icon.Trim().Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
        var name = string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
        {
            name = "_" + name;
        }

        return Exact.GetValueOrDefault(name) ?? AnyCase.GetValueOrDefault(name, Default);
    }
}
