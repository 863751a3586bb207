namespace AigcGateway.Tests.Charts;

/// <summary>One YAML mapping of a rendered chart, read by dotted paths (<c>spec.template.spec</c>).</summary>
internal sealed class Manifest(Dictionary<object, object> node)
{
    public Dictionary<object, object> Node { get; } = node;

    public string? Kind => String("kind");

    public string? Name => String("metadata.name");

    public string? Namespace => String("metadata.namespace");

    public object? Get(string path)
    {
        object? current = Node;
        foreach (var key in path.Split('.'))
        {
            if (current is not Dictionary<object, object> map || !map.TryGetValue(key, out current))
            {
                return null;
            }
        }

        return current;
    }

    public string? String(string path) => Get(path) as string;

    /// <summary>A direct child by its whole key, for keys with dots (annotations, <c>config.json</c>).</summary>
    public string? Value(string key) => Node.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>A mapping of strings (labels, annotations, selectors).</summary>
    public IReadOnlyDictionary<string, string> StringMap(string path) =>
        Get(path) is Dictionary<object, object> map
            ? map.ToDictionary(kv => (string)kv.Key, kv => kv.Value as string ?? "")
            : new Dictionary<string, string>();

    public Manifest? Map(string path) => Get(path) is Dictionary<object, object> map ? new Manifest(map) : null;

    public IEnumerable<Manifest> List(string path) =>
        Get(path) is List<object> list ? list.OfType<Dictionary<object, object>>().Select(m => new Manifest(m)) : [];

    public IEnumerable<string> Strings(string path) =>
        Get(path) is List<object> list ? list.Select(item => item.ToString() ?? "") : [];

    /// <summary>The env entry of a container by name.</summary>
    public Manifest Env(string name) =>
        List("env").SingleOrDefault(e => e.String("name") == name)
        ?? throw new ShouldAssertException($"container {String("name")} has no env {name}");
}
