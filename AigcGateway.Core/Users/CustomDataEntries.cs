using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>The instance entries read from one user's customData.</summary>
public sealed record CustomDataEntries(
    ImmutableArray<CustomDataEntry> Entries,
    ImmutableArray<MalformedCustomDataEntry> Malformed,
    ImmutableArray<string> ClearedKeys)
{
    public static CustomDataEntries Empty { get; } = new([], [], []);

    /// <summary>The entries for <paramref name="template"/> (more than one means the data is ambiguous).</summary>
    public ImmutableArray<CustomDataEntry> For(TemplateRef template) => [.. Entries.Where(e => e.Instance.Template == template)];
}
