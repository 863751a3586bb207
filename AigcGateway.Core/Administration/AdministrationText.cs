using System.Globalization;
using AigcGateway.Core.Text;

namespace AigcGateway.Core.Administration;

/// <summary>Messages of the administration rules in English and Simplified Chinese (AdministrationText.resx).</summary>
public static class AdministrationText
{
    private static readonly ResourceText Resources = new("AigcGateway.Core.Administration.AdministrationText");

    /// <summary>The message <paramref name="key"/> in the current UI culture, formatted with <paramref name="args"/>.</summary>
    public static string Get(string key, params object?[] args) => Resources.Get(key, CultureInfo.CurrentUICulture, args);
}
