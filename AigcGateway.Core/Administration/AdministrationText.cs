using System.Globalization;
using System.Resources;

namespace AigcGateway.Core.Administration;

/// <summary>Messages of the administration rules in English and Simplified Chinese (AdministrationText.resx).</summary>
public static class AdministrationText
{
    private static readonly ResourceManager Resources = new("AigcGateway.Core.Administration.AdministrationText", typeof(AdministrationText).Assembly);

    /// <summary>The message <paramref name="key"/> in the current UI culture, formatted with <paramref name="args"/>.</summary>
    public static string Get(string key, params object?[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
