using System.Collections.Concurrent;
using System.Diagnostics;

namespace AigcGateway.Tests.Charts;

/// <summary>
/// Runs the repository's helm (.tools/bin/helm, put there by scripts/install-kube-tools.sh) offline, with its caches
/// in a temporary folder. Renders are memoised: the same command line runs once per test run.
/// </summary>
internal static class Helm
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<HelmResult>>> Cache = new();
    private static readonly Lock WriteLock = new();
    private static readonly Lazy<string> Home = new(() =>
        Directory.CreateTempSubdirectory("aigc-helm-home-").FullName);

    public static string Executable
    {
        get
        {
            var path = Path.Combine(RepositoryRoot.Path, ".tools", "bin", "helm");
            if (!File.Exists(path))
            {
                Assert.Fail($"helm is missing at {path}: run scripts/install-kube-tools.sh first.");
            }

            return path;
        }
    }

    /// <summary><c>helm template &lt;release&gt; helm/&lt;chart&gt; -f &lt;values&gt;...</c>; values are YAML texts.</summary>
    public static Task<HelmResult> TemplateAsync(string chart, CancellationToken cancellationToken, params string[] valuesYaml) =>
        RunCachedAsync(["template", chart, RepositoryRoot.Chart(chart), .. ValuesArguments(valuesYaml)], cancellationToken);

    /// <summary><c>helm template</c> with values files given by path.</summary>
    public static Task<HelmResult> TemplateWithFilesAsync(string chart, CancellationToken cancellationToken, params string[] valuesFiles) =>
        RunCachedAsync(["template", chart, RepositoryRoot.Chart(chart), .. valuesFiles.SelectMany(f => new[] { "-f", f })], cancellationToken);

    /// <summary>A fresh (not memoised) render: for values that must differ between renders.</summary>
    public static Task<HelmResult> TemplateUncachedAsync(string chart, CancellationToken cancellationToken, params string[] valuesYaml) =>
        RunAsync(["template", chart, RepositoryRoot.Chart(chart), .. ValuesArguments(valuesYaml)], cancellationToken);

    /// <summary><c>helm install --dry-run=client</c>, whose output ends with the rendered NOTES.txt.</summary>
    public static Task<HelmResult> DryRunInstallWithFilesAsync(string chart, CancellationToken cancellationToken, params string[] valuesFiles) =>
        RunCachedAsync(["install", chart, RepositoryRoot.Chart(chart), "--dry-run=client", .. valuesFiles.SelectMany(f => new[] { "-f", f })], cancellationToken);

    public static Task<HelmResult> LintAsync(string chart, CancellationToken cancellationToken, params string[] valuesFiles) =>
        RunCachedAsync(["lint", "--strict", RepositoryRoot.Chart(chart), .. valuesFiles.SelectMany(f => new[] { "-f", f })], cancellationToken);

    private static string[] ValuesArguments(string[] valuesYaml) =>
        [.. valuesYaml.SelectMany(yaml => new[] { "-f", WriteValues(yaml) })];

    private static string WriteValues(string yaml)
    {
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(yaml)));
        var path = Path.Combine(Home.Value, $"values-{hash[..16]}.yaml");
        lock (WriteLock)
        {
            if (!File.Exists(path))
            {
                File.WriteAllText(path, yaml);
            }
        }

        return path;
    }

    private static Task<HelmResult> RunCachedAsync(string[] arguments, CancellationToken cancellationToken) =>
        Cache.GetOrAdd(string.Join('\u0001', arguments), _ => new Lazy<Task<HelmResult>>(() => RunAsync(arguments, cancellationToken))).Value;

    private static async Task<HelmResult> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HELM_CACHE_HOME"] = Path.Combine(Home.Value, "cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(Home.Value, "config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(Home.Value, "data");
        start.Environment["KUBECONFIG"] = Path.Combine(Home.Value, "no-kubeconfig");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("helm did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new HelmResult(process.ExitCode, await output, await error);
    }
}
