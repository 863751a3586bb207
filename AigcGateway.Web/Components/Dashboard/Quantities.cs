using System.Globalization;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>Kubernetes quantities as people read them: <c>8Gi</c> is 8 GiB, <c>500m</c> CPU is 0.5.</summary>
public static class Quantities
{
    private static readonly (string Suffix, string Unit)[] Units =
    [
        ("Ki", "KiB"), ("Mi", "MiB"), ("Gi", "GiB"), ("Ti", "TiB"), ("Pi", "PiB"),
        ("k", "kB"), ("M", "MB"), ("G", "GB"), ("T", "TB"), ("P", "PB"),
    ];

    /// <summary>A memory or storage size with a readable unit; the input unchanged when it is not a simple quantity.</summary>
    public static string Bytes(string quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        var q = quantity.Trim();
        foreach (var (suffix, unit) in Units)
        {
            if (q.EndsWith(suffix, StringComparison.Ordinal)
                && decimal.TryParse(q[..^suffix.Length], NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                return $"{number.ToString("0.##", CultureInfo.CurrentCulture)} {unit}";
            }
        }

        return q;
    }

    /// <summary>A CPU quantity as a number of cores (<c>500m</c> is 0.5, <c>4</c> is 4).</summary>
    public static string Cores(string quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        var q = quantity.Trim();
        if (q.EndsWith('m') && decimal.TryParse(q[..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out var milli))
        {
            return (milli / 1000m).ToString("0.###", CultureInfo.CurrentCulture);
        }

        return decimal.TryParse(q, NumberStyles.Number, CultureInfo.InvariantCulture, out var cores)
            ? cores.ToString("0.###", CultureInfo.CurrentCulture)
            : q;
    }
}
