using System.Collections.Frozen;
using System.Reflection;
using AigcGateway.Core.Templates;
using MudBlazor;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>
/// Turns a template's <c>aigc-gateway.io/icon</c> annotation into what the card shows: an image when it is one the
/// browser may load without acting on the dashboard (<see cref="TemplateIcon"/>: an http(s) URL on another host, or a
/// file under <see cref="TemplateIcon.AssetFolder"/>), else a Material icon by name (<c>palette</c>, <c>auto_awesome</c>,
/// <c>AutoAwesome</c>), else the default icon.
/// </summary>
public static class TemplateIcons
{
    /// <summary>The icon of a template without one, or with an annotation that is not accepted.</summary>
    public const string Default = Icons.Material.Filled.AutoAwesome;

    private static readonly FrozenDictionary<string, string> Exact = typeof(Icons.Material.Filled)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(string) && f.IsLiteral)
        .ToFrozenDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

    // a few names differ only in case (AddChart, Addchart): any of them will do
    private static readonly FrozenDictionary<string, string> AnyCase = Exact
        .DistinctBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The address to load for the annotation, or null when the card shows a Material icon instead.</summary>
    /// <param name="icon">the annotation</param>
    /// <param name="dashboardHost">the host the viewer's browser reaches the dashboard at: images there are refused</param>
    public static string? ImageSource(string? icon, string dashboardHost) =>
        TemplateIcon.Parse(icon, dashboardHost) is { Kind: TemplateIconKind.Asset or TemplateIconKind.Image } image ? image.Value : null;

    /// <summary>The SVG of the Material icon the annotation names, or <see cref="Default"/>.</summary>
    public static string Material(string? icon)
    {
        var parsed = TemplateIcon.Parse(icon);
        if (parsed.Kind != TemplateIconKind.Name)
        {
            return Default;
        }

        var parts = parsed.Value.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
        var name = string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        if (char.IsAsciiDigit(name[0]))
        {
            name = "_" + name;
        }

        return Exact.GetValueOrDefault(name) ?? AnyCase.GetValueOrDefault(name, Default);
    }
}
