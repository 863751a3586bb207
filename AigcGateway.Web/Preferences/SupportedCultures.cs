namespace AigcGateway.Web.Preferences;

/// <summary>The languages the user interface is translated into.</summary>
public static class SupportedCultures
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-CN";
    public const string Default = English;

    public static IReadOnlyList<string> All { get; } = [English, SimplifiedChinese];

    /// <summary>The supported culture that <paramref name="name"/> names, or null (e.g. "zh-Hans" -> "zh-CN").</summary>
    public static string? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (name.Equals(English, StringComparison.OrdinalIgnoreCase) || name.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }

        return name.Equals("zh", StringComparison.OrdinalIgnoreCase)
            || name.Equals(SimplifiedChinese, StringComparison.OrdinalIgnoreCase)
            || name.Equals("zh-Hans", StringComparison.OrdinalIgnoreCase)
            || name.Equals("zh-SG", StringComparison.OrdinalIgnoreCase)
            ? SimplifiedChinese
            : null;
    }
}
