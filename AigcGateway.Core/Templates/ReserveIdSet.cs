using System.Collections.Immutable;
using System.Globalization;

namespace AigcGateway.Core.Templates;

/// <summary>
/// The explicit reserve list of a GameServerSet (<c>spec.reserveGameServerIds</c>) as sorted, disjoint ranges.
/// Reads both forms OKG writes (ints and <c>"a-b"</c> strings); never expands ranges into memory.
/// </summary>
public sealed class ReserveIdSet : IEquatable<ReserveIdSet>
{
    private readonly ImmutableArray<ReserveIdRange> _ranges;

    private ReserveIdSet(ImmutableArray<ReserveIdRange> ranges) => _ranges = ranges;

    public static ReserveIdSet Empty { get; } = new([]);

    /// <summary>Sorted, disjoint, non-adjacent ranges.</summary>
    public ImmutableArray<ReserveIdRange> Ranges => _ranges;

    public bool IsEmpty => _ranges.IsEmpty;

    public long Count => _ranges.Sum(r => (long)r.End - r.Start + 1);

    /// <summary>
    /// Parses the raw items (each the JSON text of an int or the content of a string item). Negative ids, malformed items,
    /// reversed ranges and overlaps (also across items) are reported; valid items are kept.
    /// </summary>
    public static ReserveIdParseResult Parse(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var problems = ImmutableArray.CreateBuilder<string>();
        var ranges = new List<ReserveIdRange>();
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (!TryParseItem(item, out var range, out var problem))
            {
                problems.Add(problem);
                continue;
            }

            if (ranges.Any(r => r.Start <= range.End && range.Start <= r.End))
            {
                problems.Add($"reserved id item \"{item}\" overlaps another item");
                continue;
            }

            ranges.Add(range);
        }

        return new ReserveIdParseResult(FromRanges(ranges), problems.ToImmutable());
    }

    public static ReserveIdSet Of(params IEnumerable<int> ids)
    {
        var set = Empty;
        foreach (var id in ids)
        {
            set = set.Add(id);
        }

        return set;
    }

    public bool Contains(int id)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var r = _ranges[mid];
            if (id < r.Start)
            {
                hi = mid - 1;
            }
            else if (id > r.End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    public ReserveIdSet Add(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        return Contains(id) ? this : FromRanges([.. _ranges, new ReserveIdRange(id, id)]);
    }

    public ReserveIdSet Remove(int id)
    {
        if (!Contains(id))
        {
            return this;
        }

        var result = new List<ReserveIdRange>(_ranges.Length + 1);
        foreach (var r in _ranges)
        {
            if (id < r.Start || id > r.End)
            {
                result.Add(r);
                continue;
            }

            if (r.Start < id)
            {
                result.Add(new ReserveIdRange(r.Start, id - 1));
            }

            if (id < r.End)
            {
                result.Add(new ReserveIdRange(id + 1, r.End));
            }
        }

        return new ReserveIdSet([.. result]);
    }

    /// <summary>The items to write: compressed ranges, or one item per id.</summary>
    public ImmutableArray<ReserveIdRange> ToItems(ReserveIdFormat format)
    {
        if (format == ReserveIdFormat.Ranges)
        {
            return _ranges;
        }

        var items = ImmutableArray.CreateBuilder<ReserveIdRange>();
        foreach (var r in _ranges)
        {
            for (long id = r.Start; id <= r.End; id++)
            {
                items.Add(new ReserveIdRange((int)id, (int)id));
            }
        }

        return items.ToImmutable();
    }

    /// <summary>The controller's annotation form, e.g. <c>"1,3-5"</c>.</summary>
    public override string ToString() => string.Join(',', _ranges);

    public bool Equals(ReserveIdSet? other) => other is not null && _ranges.SequenceEqual(other._ranges);

    public override bool Equals(object? obj) => Equals(obj as ReserveIdSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var r in _ranges)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    private static bool TryParseItem(string item, out ReserveIdRange range, out string problem)
    {
        range = default;
        problem = string.Empty;
        var dash = item.IndexOf('-', 1 < item.Length ? 1 : 0);
        if (item.StartsWith('-'))
        {
            problem = $"reserved id \"{item}\" is negative";
            return false;
        }

        if (dash < 0)
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                range = new ReserveIdRange(id, id);
                return true;
            }

            problem = $"reserved id item \"{item}\" is not a number or a range \"a-b\"";
            return false;
        }

        var startText = item[..dash].Trim();
        var endText = item[(dash + 1)..].Trim();
        if (endText.StartsWith('-'))
        {
            problem = $"reserved id range \"{item}\" contains a negative id";
            return false;
        }

        if (!int.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var end))
        {
            problem = $"reserved id item \"{item}\" is not a number or a range \"a-b\"";
            return false;
        }

        if (start > end)
        {
            problem = $"reserved id range \"{item}\" starts after it ends";
            return false;
        }

        range = new ReserveIdRange(start, end);
        return true;
    }

    private static ReserveIdSet FromRanges(IEnumerable<ReserveIdRange> ranges)
    {
        var merged = new List<ReserveIdRange>();
        foreach (var r in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && (long)merged[^1].End + 1 >= r.Start)
            {
                var last = merged[^1];
                merged[^1] = new ReserveIdRange(last.Start, Math.Max(last.End, r.End));
            }
            else
            {
                merged.Add(r);
            }
        }

        return new ReserveIdSet([.. merged]);
    }
}
