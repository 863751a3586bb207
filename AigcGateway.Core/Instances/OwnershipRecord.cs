using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace AigcGateway.Core.Instances;

/// <summary>Codec of the <c>aigc-gateway.io/owners</c> annotation: a JSON object <c>{"&lt;id&gt;": "&lt;user id&gt;"}</c>.</summary>
public static class OwnershipRecord
{
    public static ImmutableSortedDictionary<int, string> Empty { get; } = ImmutableSortedDictionary<int, string>.Empty;

    /// <summary>
    /// Reads the annotation, failing closed: any entry the gateway would not have written (an id that is not a plain
    /// decimal int such as <c>"01"</c> or <c>"+1"</c>, a key given twice, an owner that is not a user id) makes the whole
    /// record invalid, so nobody owns anything until an administrator repairs it. Problems are reported, never thrown.
    /// </summary>
    public static OwnershipParseResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new(Empty, []);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return new(Empty, [$"not valid JSON ({ex.Message})"]);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(Empty, [$"expected a JSON object, found {doc.RootElement.ValueKind}"]);
            }

            var owners = ImmutableSortedDictionary.CreateBuilder<int, string>();
            var problems = ImmutableArray.CreateBuilder<string>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                // JSON tools disagree on which of two equal keys counts (most keep the last): trust neither
                if (!keys.Add(p.Name))
                {
                    problems.Add($"key \"{p.Name}\" appears more than once");
                }
                else if (!TryParseId(p.Name, out var id))
                {
                    problems.Add($"key \"{p.Name}\" is not an instance id (ids are written as plain decimal numbers: 0, 1, 12)");
                }
                else if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString()))
                {
                    problems.Add($"owner of id {id} is not a user id");
                }
                else
                {
                    owners.Add(id, p.Value.GetString()!);
                }
            }

            return problems.Count == 0 ? new(owners.ToImmutable(), []) : new(Empty, problems.ToImmutable());
        }
    }

    /// <summary>The canonical decimal form <see cref="Format"/> writes: no sign, spaces, leading zeros or exponent; an int.</summary>
    private static bool TryParseId(string key, out int id)
    {
        id = 0;
        return key.Length is > 0 and <= 10
            && key.All(char.IsAsciiDigit)
            && (key.Length == 1 || key[0] != '0')
            && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>Writes the annotation with ids in ascending order.</summary>
    public static string Format(IEnumerable<KeyValuePair<int, string>> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var ordered = owners.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value);
        return JsonSerializer.Serialize(ordered);
    }
}
