using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>Reads and writes <c>reserveGameServerIds</c>: integers and inclusive <c>"a-b"</c> range strings.</summary>
internal static class ReserveIds
{
    public static SortedSet<int> Parse(JsonNode? list)
    {
        var ids = new SortedSet<int>();
        if (list is not JsonArray array)
        {
            return ids;
        }

        foreach (var item in array)
        {
            if (item is not JsonValue value)
            {
                continue;
            }

            if (value.GetValueKind() == JsonValueKind.Number && Json.Integer(value) is { } n and >= 0)
            {
                ids.Add((int)n);
            }
            else if (Json.String(value) is { } text)
            {
                var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
                if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
                {
                    var end = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : start;
                    for (var id = start; id <= end; id++)
                    {
                        ids.Add(id);
                    }
                }
            }
        }

        return ids;
    }

    /// <summary>The list as OKG writes it: plain integers (before 1.0) or runs of three or more as ranges (1.0 and later).</summary>
    public static JsonArray Format(IEnumerable<int> ids, bool plain)
    {
        var array = new JsonArray();
        foreach (var (start, end) in Runs(ids))
        {
            if (plain || end - start < 2)
            {
                for (var id = start; id <= end; id++)
                {
                    array.Add(id);
                }
            }
            else
            {
                array.Add($"{start}-{end}");
            }
        }

        return array;
    }

    /// <summary>The <c>game.kruise.io/reserve-ids</c> annotation form, e.g. <c>1,3-5</c>.</summary>
    public static string Annotation(IEnumerable<int> ids) => string.Join(
        ',',
        Runs(ids).SelectMany(r => r.End - r.Start < 2
            ? Enumerable.Range(r.Start, r.End - r.Start + 1).Select(i => i.ToString(CultureInfo.InvariantCulture))
            : [$"{r.Start}-{r.End}"]));

    private static List<(int Start, int End)> Runs(IEnumerable<int> ids)
    {
        var runs = new List<(int Start, int End)>();
        foreach (var id in ids.Distinct().Order())
        {
            if (runs.Count > 0 && runs[^1].End == id - 1)
            {
                runs[^1] = (runs[^1].Start, id);
            }
            else
            {
                runs.Add((id, id));
            }
        }

        return runs;
    }
}
