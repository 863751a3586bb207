using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AigcGateway.Core.Administration;

namespace AigcGateway.Web.Components.Admin;

/// <summary>
/// The Logto user ids an audit entry names ("user &lt;id&gt;" in its actor or target), and the entry's text with the
/// known names put in their place (the id stays in the tooltip).
/// </summary>
public static partial class AuditUsers
{
    public static IEnumerable<string> Of(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.SelectMany(e => UserReference().Matches(e.Actor + " " + e.Target)).Select(m => m.Groups["id"].Value).Distinct(StringComparer.Ordinal);
    }

    /// <summary><paramref name="text"/> with "user &lt;id&gt;" replaced by "&lt;name&gt;" where the name is known.</summary>
    public static string Named(string text, ImmutableDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(names);
        return names.IsEmpty
            ? text
            : UserReference().Replace(text, m => names.TryGetValue(m.Groups["id"].Value, out var name) && name != m.Groups["id"].Value ? name : m.Value);
    }

    [GeneratedRegex(@"\buser (?<id>[A-Za-z0-9_-]+)")]
    private static partial Regex UserReference();
}
