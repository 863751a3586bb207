using System.Text.Json;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>A parsed label selector or field selector; matches objects held in the store.</summary>
internal sealed class Selector
{
    private readonly List<Func<Func<string, string?>, bool>> _terms = [];
    private readonly bool _fields;

    private Selector(bool fields) => _fields = fields;

    public static Selector? ParseLabels(string? text) => string.IsNullOrWhiteSpace(text) ? null : Parse(text, false);

    public static Selector? ParseFields(string? text) => string.IsNullOrWhiteSpace(text) ? null : Parse(text, true);

    public bool Matches(JsonObject obj)
    {
        Func<string, string?> lookup = _fields ? path => FieldValue(obj, path) : key => LabelValue(obj, key);
        return _terms.All(t => t(lookup));
    }

    private static string? LabelValue(JsonObject obj, string key) =>
        obj["metadata"]?["labels"] is JsonObject labels && labels[key] is JsonValue v ? v.ToString() : null;

    private static string FieldValue(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }

    private static Selector Parse(string text, bool fields)
    {
        var selector = new Selector(fields);
        foreach (var raw in SplitTerms(text))
        {
            var term = raw.Trim();
            if (term.Length == 0)
            {
                continue;
            }

            var notIn = term.IndexOf(" notin ", StringComparison.Ordinal);
            var inSet = term.IndexOf(" in ", StringComparison.Ordinal);
            if (notIn > 0 || inSet > 0)
            {
                var negate = notIn > 0;
                var at = negate ? notIn : inSet;
                var key = term[..at].Trim();
                var values = term[(at + (negate ? 7 : 4))..].Trim().TrimStart('(').TrimEnd(')')
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                selector._terms.Add(l => negate ? l(key) is not { } v || !values.Contains(v) : l(key) is { } v2 && values.Contains(v2));
            }
            else if (term.Contains("!=", StringComparison.Ordinal))
            {
                var parts = term.Split("!=", 2);
                var (key, value) = (parts[0].Trim(), parts[1].Trim());
                selector._terms.Add(l => l(key) != value);
            }
            else if (term.Contains('='))
            {
                var parts = term.Split(term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
                var (key, value) = (parts[0].Trim(), parts[1].Trim());
                selector._terms.Add(l => fields ? (l(key) ?? "") == value : l(key) == value);
            }
            else if (term.StartsWith('!'))
            {
                var key = term[1..].Trim();
                selector._terms.Add(l => l(key) is null);
            }
            else
            {
                selector._terms.Add(l => l(term) is not null);
            }
        }

        return selector;
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }
}
