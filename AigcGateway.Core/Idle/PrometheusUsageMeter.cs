using System.Globalization;
using System.Text.Json;
using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Idle;

/// <summary>
/// <see cref="IUsageMeter"/> over Prometheus' HTTP API (<c>GET /api/v1/query</c>): per namespace, the DCGM exporter's
/// <c>DCGM_FI_DEV_GPU_UTIL</c> (the busiest GPU of each pod) and the rate of cAdvisor's
/// <c>container_cpu_usage_seconds_total</c> (cores, summed over the pod's containers), both keyed by the
/// <c>namespace</c> and <c>pod</c> labels. OKG names an instance's pod like its GameServer.
/// </summary>
public sealed class PrometheusUsageMeter(HttpClient http, Uri baseAddress, TimeProvider time) : IUsageMeter
{
    public const string GpuMetric = "DCGM_FI_DEV_GPU_UTIL";
    public const string CpuMetric = "container_cpu_usage_seconds_total";

    public static string GpuQuery(string @namespace) =>
        $"max by (namespace, pod) ({GpuMetric}{{namespace=\"{Escape(@namespace)}\"}})";

    public static string CpuQuery(string @namespace) =>
        $"sum by (namespace, pod) (rate({CpuMetric}{{namespace=\"{Escape(@namespace)}\",container!=\"\"}}[2m]))";

    public async Task<IReadOnlyDictionary<InstanceRef, UsageSample>> MeasureAsync(IReadOnlyCollection<InstanceRef> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var samples = new Dictionary<InstanceRef, UsageSample>();
        foreach (var group in instances.GroupBy(i => i.Template.Namespace, StringComparer.Ordinal))
        {
            var gpu = await QueryAsync(GpuQuery(group.Key), cancellationToken).ConfigureAwait(false);
            var cpu = await QueryAsync(CpuQuery(group.Key), cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            foreach (var instance in group)
            {
                var pod = instance.GameServerName;
                double? gpuPercent = gpu.TryGetValue(pod, out var g) ? g : null;
                double? cpuCores = cpu.TryGetValue(pod, out var c) ? c : null;
                if (gpuPercent is not null || cpuCores is not null)
                {
                    samples[instance] = new UsageSample(now, gpuPercent, cpuCores);
                }
            }
        }

        return samples;
    }

    /// <summary>An instant query's vector as pod -> value.</summary>
    private async Task<Dictionary<string, double>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        var uri = new Uri(baseAddress, "api/v1/query?query=" + Uri.EscapeDataString(query));
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = json.RootElement;
            if (!response.IsSuccessStatusCode || root.GetProperty("status").GetString() != "success")
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
                throw new UsageMeterException($"Prometheus answered {(int)response.StatusCode} to {query}: {error}");
            }

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var item in root.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                if (item.GetProperty("metric").TryGetProperty("pod", out var pod) && pod.GetString() is { } name
                    && item.GetProperty("value")[1].GetString() is { } text
                    && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                {
                    values[name] = Math.Max(value, values.GetValueOrDefault(name));
                }
            }

            return values;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new UsageMeterException($"Prometheus at {baseAddress} could not be asked {query}: {ex.Message}", ex);
        }
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
