using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AigcGateway.Bench;

/// <summary>Runs the <c>wrk</c> load generator and reads its summary.</summary>
internal static partial class Wrk
{
    public const string Executable = "wrk";

    public sealed record Result(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long NonSuccess, long SocketErrors, string Output);

    public static async Task<Result> RunAsync(Uri url, IReadOnlyDictionary<string, string> headers, int threads, int connections, TimeSpan duration, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { $"-t{threads}", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in headers)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"{name}: {value}");
        }

        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {output}");
        }

        var rps = RequestsPerSecond().Match(output);
        var p50 = Percentile().Matches(output).FirstOrDefault(m => m.Groups["q"].Value == "50");
        var p99 = Percentile().Matches(output).FirstOrDefault(m => m.Groups["q"].Value == "99");
        var total = Total().Match(output);
        if (!rps.Success || p50 is null || p99 is null || !total.Success)
        {
            throw new InvalidOperationException("could not read wrk's output: " + output);
        }

        var non2xx = NonSuccess().Match(output);
        var socket = SocketErrors().Match(output);
        var errors = socket.Success
            ? new[] { "connect", "read", "write", "timeout" }.Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture))
            : 0;
        return new Result(
            double.Parse(rps.Groups["value"].Value, CultureInfo.InvariantCulture),
            Milliseconds(p50),
            Milliseconds(p99),
            long.Parse(total.Groups["value"].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups["value"].Value, CultureInfo.InvariantCulture) : 0,
            errors,
            output);
    }

    private static double Milliseconds(Match latency)
    {
        var value = double.Parse(latency.Groups["value"].Value, CultureInfo.InvariantCulture);
        return latency.Groups["unit"].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            var unit => throw new InvalidOperationException($"unknown wrk latency unit '{unit}'"),
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+(?<value>[\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(?<q>\d+)%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"(?<value>\d+) requests in")]
    private static partial Regex Total();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(?<value>\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (?<connect>\d+), read (?<read>\d+), write (?<write>\d+), timeout (?<timeout>\d+)")]
    private static partial Regex SocketErrors();
}
