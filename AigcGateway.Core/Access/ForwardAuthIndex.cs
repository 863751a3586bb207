using System.Collections.Frozen;

namespace AigcGateway.Core.Access;

/// <summary>
/// Instance endpoints by exact host, built once per cluster snapshot so that each <c>/auth</c> request is a dictionary
/// lookup plus a short scan of the path prefixes published on that host.
/// </summary>
public sealed class ForwardAuthIndex
{
    private readonly FrozenDictionary<string, Entry[]> _byHost;

    private ForwardAuthIndex(FrozenDictionary<string, Entry[]> byHost) => _byHost = byHost;

    public static ForwardAuthIndex Empty { get; } = Build([]);

    /// <summary>Endpoints whose host or path cannot be normalised are left out: nothing can reach them through /auth.</summary>
    public static ForwardAuthIndex Build(IEnumerable<InstanceEndpoint> endpoints)
    {
        var byHost = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (!ForwardAuthTarget.TryNormalizeHost(endpoint.Host, out var host, out _)
                || !ForwardAuthTarget.TryNormalizePath(string.IsNullOrEmpty(endpoint.PathPrefix) ? "/" : endpoint.PathPrefix, out var prefix, out _))
            {
                continue;
            }

            if (!byHost.TryGetValue(host, out var list))
            {
                byHost[host] = list = [];
            }

            list.Add(new Entry(prefix, endpoint));
        }

        // Two endpoints claiming the same host and prefix are ambiguous: the entry stays (it still hides shorter
        // prefixes) but serves nobody.
        return new ForwardAuthIndex(byHost.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value
                .GroupBy(e => e.Prefix, StringComparer.Ordinal)
                .Select(g => g.Count() == 1 ? g.Single() : new Entry(g.Key, null))
                .OrderByDescending(e => e.Prefix.Length)
                .ToArray(),
            StringComparer.Ordinal));
    }

    public int Count => _byHost.Values.Sum(entries => entries.Count(e => e.Endpoint is not null));

    /// <summary>
    /// The endpoint that serves <paramref name="target"/>: the longest path prefix on its exact host that matches at a
    /// segment boundary ("/1" serves "/1" and "/1/x", never "/11"). Two endpoints claiming the same host and prefix
    /// are ambiguous and match nothing.
    /// </summary>
    public InstanceEndpoint? Find(ForwardAuthTarget target)
    {
        if (!_byHost.TryGetValue(target.Host, out var entries))
        {
            return null;
        }

        foreach (var entry in entries)
        {
            if (Serves(entry.Prefix, target.Path))
            {
                return entry.Endpoint;
            }
        }

        return null;
    }

    private static bool Serves(string prefix, string path) =>
        prefix == "/"
        || path.Equals(prefix, StringComparison.Ordinal)
        || (path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '/');

    private sealed record Entry(string Prefix, InstanceEndpoint? Endpoint);
}
