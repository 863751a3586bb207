using System.Text.RegularExpressions;

namespace AigcGateway.Core.Templates;

/// <summary>
/// A template's icon annotation, accepted only in forms that cannot turn the catalog into a request the viewer did not
/// mean: an <c>&lt;img src&gt;</c> is a GET with the viewer's cookies, so <c>/sign-out</c> or any other dashboard URL
/// would act on everyone who opens the catalog. Accepted: a built-in icon name, an image under <see cref="AssetFolder"/>
/// (a fixed folder of the dashboard's static files, no query), or an absolute http(s) URL on another host than the
/// dashboard, without credentials. <see cref="Value"/> is the canonical text to use.
/// </summary>
public sealed partial record TemplateIcon(TemplateIconKind Kind, string Value)
{
    /// <summary>The dashboard's folder for icon images (<c>wwwroot/icons</c>).</summary>
    public const string AssetFolder = "/icons/";

    public bool IsAccepted => Kind != TemplateIconKind.Rejected;

    /// <summary>Reads an icon annotation; an image URL on <paramref name="dashboardHost"/> (when known) is rejected.</summary>
    public static TemplateIcon Parse(string? annotation, string? dashboardHost = null)
    {
        var text = annotation?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new(TemplateIconKind.None, string.Empty);
        }

        if (IconName().IsMatch(text))
        {
            return new(TemplateIconKind.Name, text);
        }

        if (text.StartsWith(AssetFolder, StringComparison.Ordinal))
        {
            return AssetPath().IsMatch(text) ? new(TemplateIconKind.Asset, text) : Rejected;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.UserInfo.Length == 0
            && uri.IdnHost.Length > 0
            && !SameHost(uri.IdnHost, dashboardHost)
            && !text.Any(char.IsControl)
            ? new(TemplateIconKind.Image, uri.AbsoluteUri)
            : Rejected;
    }

    private static TemplateIcon Rejected { get; } = new(TemplateIconKind.Rejected, string.Empty);

    private static bool SameHost(string host, string? dashboardHost) =>
        dashboardHost is not null && string.Equals(host.TrimEnd('.'), dashboardHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Material icon names as people write them: <c>palette</c>, <c>auto_awesome</c>, <c>AutoAwesome</c>, <c>3d rotation</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9]+([ _-][A-Za-z0-9]+)*$")]
    private static partial Regex IconName();

    /// <summary>Path segments of letters, digits, '_' and '-' (dots only between them), ending in an image extension.</summary>
    [GeneratedRegex("^/icons(/[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*)*\\.(svg|png|webp|jpg|jpeg|gif|ico)$", RegexOptions.IgnoreCase)]
    private static partial Regex AssetPath();
}
