namespace AigcGateway.Web.Preferences;

/// <summary>Cookies that remember the user's interface preferences (not secrets, readable by the page's script).</summary>
public static class PreferenceCookies
{
    public const string Theme = "aigc_theme";

    public static ThemeMode ParseTheme(string? value) =>
        Enum.TryParse<ThemeMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : ThemeMode.System;
}
