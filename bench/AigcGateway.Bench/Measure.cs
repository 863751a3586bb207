using System.Globalization;

namespace AigcGateway.Bench;

/// <summary>Formatting and statistics shared by the benchmarks.</summary>
internal static class Measure
{
    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Us(double microseconds) => microseconds.ToString("0.0", CultureInfo.InvariantCulture) + " us";

    public static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    public static string Number(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The value at quantile <paramref name="q"/> (nearest rank) of the samples.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double q)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
