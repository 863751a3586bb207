using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace AigcGateway.Core.Instances;

/// <summary>Codec of the <c>aigc-gateway.io/owners</c> annotation: a JSON object <c>{"&lt;id&gt;": "&lt;user id&gt;"}</c>.</summary>
public static class OwnershipRecord
{
    public static ImmutableSortedDictionary<int, string> Empty { get; } = ImmutableSortedDictionary<int, string>.Empty;

    /// <summary>Reads the annotation; malformed entries are skipped and reported, never thrown.</summary>
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
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    problems.Add($"key \"{p.Name}\" is not an instance id");
                }
                else if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString()))
                {
                    problems.Add($"owner of id {id} is not a user id");
                }
                else if (!owners.TryAdd(id, p.Value.GetString()!))
                {
                    problems.Add($"id {id} appears more than once");
                }
            }

            return new(owners.ToImmutable(), problems.ToImmutable());
        }
    }

    /// <summary>Writes the annotation with ids in ascending order.</summary>
    public static string Format(IEnumerable<KeyValuePair<int, string>> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var ordered = owners.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value);
        return JsonSerializer.Serialize(ordered);
    }
}
