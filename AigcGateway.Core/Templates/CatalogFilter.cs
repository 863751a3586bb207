using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>Which GameServerSets are templates: the configured namespaces (empty = all) and an equality label selector.</summary>
public sealed record CatalogFilter(ImmutableArray<string> Namespaces, ImmutableSortedDictionary<string, string> Labels)
{
    public static CatalogFilter All { get; } = new([], ImmutableSortedDictionary<string, string>.Empty);

    public bool AllNamespaces => Namespaces.IsDefaultOrEmpty;

    public bool Matches(string @namespace, IReadOnlyDictionary<string, string>? labels)
    {
        if (!AllNamespaces && !Namespaces.Contains(@namespace, StringComparer.Ordinal))
        {
            return false;
        }

        foreach (var (key, value) in Labels)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The Kubernetes label selector, e.g. <c>aigc=true,team=lab</c>; empty selects everything.</summary>
    public string LabelSelector => string.Join(',', Labels.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Combines two filters (e.g. configuration and the earlier gateway's file): namespaces and labels are joined.</summary>
    public CatalogFilter Merge(CatalogFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var namespaces = AllNamespaces && other.AllNamespaces
            ? []
            : Namespaces.IsDefaultOrEmpty ? other.Namespaces
            : other.Namespaces.IsDefaultOrEmpty ? Namespaces
            : Namespaces.Union(other.Namespaces, StringComparer.Ordinal).ToImmutableArray();
        return new CatalogFilter(namespaces, Labels.SetItems(other.Labels));
    }

    public static CatalogFilter Create(IEnumerable<string>? namespaces, IEnumerable<KeyValuePair<string, string>>? labels) =>
        new(
            (namespaces ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToImmutableArray(),
            (labels ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal, StringComparer.Ordinal));
}
