using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// Prometheus' instant-query API (<c>GET|POST &lt;prefix&gt;/api/v1/query</c>, standard JSON envelope) over the emulator's
/// running pods, for the two series the gateway reads: <c>DCGM_FI_DEV_GPU_UTIL</c> and cAdvisor's
/// <c>container_cpu_usage_seconds_total</c> (as a rate), optionally aggregated <c>by (namespace, pod)</c>. Label matchers
/// <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c> on <c>namespace</c> and <c>pod</c> filter; other labels are accepted and ignored.
/// Anything else is answered as Prometheus answers a query it cannot parse: 400, <c>bad_data</c>.
/// </summary>
internal sealed partial class PrometheusApi(ObjectStore store, PodUsage usage, TimeProvider time)
{
    /// <summary>Served under this path prefix of the emulator's address (Prometheus' <c>--web.route-prefix</c>).</summary>
    public const string Prefix = "/prometheus";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "";
        if (path != Prefix + "/api/v1/query")
        {
            await WriteAsync(context, 404, Error("bad_data", "not found")).ConfigureAwait(false);
            return;
        }

        string? query = context.Request.Query["query"];
        if (query is null && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            query = (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))["query"];
        }

        var answer = string.IsNullOrWhiteSpace(query) ? null : Evaluate(query);
        if (answer is null)
        {
            await WriteAsync(context, 400, Error("bad_data", $"invalid parameter \"query\": 1:1: parse error: unsupported query \"{query}\"")).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["status"] = "success",
            ["data"] = new JsonObject { ["resultType"] = "vector", ["result"] = answer },
        }).ConfigureAwait(false);
    }

    private JsonArray? Evaluate(string query)
    {
        var metric = MetricPattern().Match(query);
        if (!metric.Success)
        {
            return null;
        }

        var gpu = metric.Groups["name"].Value == "DCGM_FI_DEV_GPU_UTIL";
        var matchers = MatcherPattern().Matches(metric.Groups["labels"].Value).Select(m => (m.Groups["label"].Value, m.Groups["op"].Value, m.Groups["value"].Value)).ToList();
        var seconds = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var result = new JsonArray();
        lock (store.SyncRoot)
        {
            foreach (var pod in store.PeekAll(ResourceType.Pods, null))
            {
                var ns = Json.Namespace(pod);
                var name = Json.Name(pod);
                if (Json.String(pod["status"]?["phase"]) != "Running" || pod["metadata"]?["deletionTimestamp"] is not null
                    || !matchers.All(m => Matches(m, ns, name)))
                {
                    continue;
                }

                var value = gpu ? usage.GpuPercent(ns, name) : usage.CpuCores(ns, name);
                result.Add(new JsonObject
                {
                    ["metric"] = new JsonObject { ["namespace"] = ns, ["pod"] = name },
                    ["value"] = new JsonArray(seconds, value.ToString("R", CultureInfo.InvariantCulture)),
                });
            }
        }

        return result;
    }

    private static bool Matches((string Label, string Op, string Value) matcher, string ns, string pod)
    {
        var actual = matcher.Label switch
        {
            "namespace" => ns,
            "pod" => pod,
            _ => null,
        };
        if (actual is null)
        {
            return true;
        }

        return matcher.Op switch
        {
            "=" => actual == matcher.Value,
            "!=" => actual != matcher.Value,
            "=~" => Regex.IsMatch(actual, "^(?:" + matcher.Value + ")$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            _ => !Regex.IsMatch(actual, "^(?:" + matcher.Value + ")$", RegexOptions.None, TimeSpan.FromSeconds(1)),
        };
    }

    private static JsonObject Error(string type, string message) => new() { ["status"] = "error", ["errorType"] = type, ["error"] = message };

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^\s*(?:(?:max|sum|avg)\s+by\s*\(\s*namespace\s*,\s*pod\s*\)\s*\(\s*)?(?:rate\(\s*)?(?<name>DCGM_FI_DEV_GPU_UTIL|container_cpu_usage_seconds_total)\s*\{(?<labels>[^}]*)\}\s*(?:\[\d+[smh]\]\s*\)\s*)?\)?\s*$")]
    private static partial Regex MetricPattern();

    [GeneratedRegex("(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\\s*(?<op>=~|!~|!=|=)\\s*\"(?<value>[^\"]*)\"")]
    private static partial Regex MatcherPattern();
}
