using System.Globalization;
using System.Resources;

namespace AigcGateway.Core.Text;

/// <summary>
/// One resx resource of Core (English, with a <c>zh-Hans</c> satellite): a message by key in a culture, formatted with
/// that culture. A key the resource lacks comes back as itself, so a missing text shows up instead of throwing.
/// </summary>
internal sealed class ResourceText(string baseName)
{
    private readonly ResourceManager _resources = new(baseName, typeof(ResourceText).Assembly);

    public string Get(string key, CultureInfo culture, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(culture);
        ArgumentNullException.ThrowIfNull(args);
        var text = _resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
