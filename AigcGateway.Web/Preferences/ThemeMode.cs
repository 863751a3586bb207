namespace AigcGateway.Web.Preferences;

/// <summary>The colour scheme the user chose; <see cref="System"/> follows the operating system.</summary>
public enum ThemeMode
{
    System,
    Light,
    Dark,
}
