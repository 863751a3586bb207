using System.Globalization;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// An in-process Kubernetes API server (Kestrel on 127.0.0.1, port chosen at start) serving GameServerSets,
/// GameServers, pods, PVCs, events, leases and the OKG CRDs, with an OpenKruiseGame controller simulation and
/// fault injection. For demo mode and the tests; production code never depends on it.
/// </summary>
public sealed class KubernetesEmulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;
    private readonly ObjectStore _store;
    private readonly OkgController _controller;
    private readonly EventReaper _reaper;
    private readonly KubernetesApi _api;

    private KubernetesEmulator(EmulatorHost host, ObjectStore store, OkgController controller, EventReaper reaper, KubernetesApi api, KubernetesEmulatorFaults faults, KubernetesEmulatorOptions options, EmulatorRequests requests)
    {
        _host = host;
        _store = store;
        _controller = controller;
        _reaper = reaper;
        _api = api;
        Faults = faults;
        Options = options;
        Requests = requests;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{host.Port}/"));
    }

    /// <summary>The API server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The GPU/CPU use its Prometheus reports per pod (the demo's "GPU busy").</summary>
    public PodUsage Usage { get; private init; } = new();

    /// <summary>Its Prometheus (the instant-query API over the running pods), for <c>Idle:PrometheusUrl</c>.</summary>
    public Uri PrometheusAddress => new(BaseAddress, PrometheusApi.Prefix.TrimStart('/') + "/");

    /// <summary>Fault injection.</summary>
    public KubernetesEmulatorFaults Faults { get; }

    public KubernetesEmulatorOptions Options { get; }

    /// <summary>The requests that reached the emulator, and which bearer tokens it accepts.</summary>
    public EmulatorRequests Requests { get; }

    /// <summary>The latest resourceVersion (one counter for all kinds).</summary>
    public long ResourceVersion => _store.CurrentVersion;

    /// <summary>The last exception the controller simulation threw (null when all went well); tests assert on it.</summary>
    public Exception? SimulationError => _controller.LastError;

    /// <summary>Number of open watch streams.</summary>
    public int WatchCount => _store.WatcherCount;

    public static async Task<KubernetesEmulator> StartAsync(KubernetesEmulatorOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = new ObjectStore(options.HistoryCapacity, options.TimeProvider);
        foreach (var crd in CrdCatalog.Definitions())
        {
            store.Create(ResourceType.CustomResourceDefinitions, crd);
        }

        foreach (var ns in new[] { "default", "kube-system", options.DemoNamespace }.Distinct())
        {
            store.Create(ResourceType.Namespaces, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = ns, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            });
        }

        if (options.PvcProtection)
        {
            store.Admit = PvcProtection.Admit;
        }

        store.GracePeriod = (type, obj) => PodTermination.GracePeriodOf(type, obj, options.TerminationGracePeriod);
        var controller = new OkgController(store, options);
        var reaper = new EventReaper(store, options.EventTtl, options.TimeProvider);
        store.Changed += reaper.OnChanged;
        if (options.SeedDemo)
        {
            var validator = CrdCatalog.ValidatorFor(ResourceType.GameServerSets);
            foreach (var template in DemoSeed.Templates(options))
            {
                var errors = validator.ValidateAndPrune(template);
                if (errors.Count > 0)
                {
                    throw new InvalidOperationException($"demo template {Json.Name(template)} is invalid: {errors[0].Message}");
                }

                store.Create(ResourceType.GameServerSets, template);
            }
        }

        var faults = new KubernetesEmulatorFaults(store, controller, options.TimeProvider);
        var api = new KubernetesApi(store, faults, options);
        var requests = new EmulatorRequests();
        var usage = new PodUsage();
        var prometheus = new PrometheusApi(store, usage, options.TimeProvider);
        EmulatorHost host;
        try
        {
            host = await EmulatorHost.StartAsync(
                context => context.Request.Path.StartsWithSegments(PrometheusApi.Prefix, StringComparison.Ordinal)
                    ? prometheus.HandleAsync(context)
                    : requests.HandleAsync(context, api.HandleAsync),
                ct).ConfigureAwait(false);
        }
        catch
        {
            await controller.DisposeAsync().ConfigureAwait(false);
            reaper.Dispose();
            throw;
        }

        faults.Outage.Host = host;
        return new KubernetesEmulator(host, store, controller, reaper, api, faults, options, requests) { Usage = usage };
    }

    /// <summary>Completes when the controller has nothing left to do now (timed transitions in the future may remain).</summary>
    public Task WaitForIdleAsync(CancellationToken ct) => _controller.WaitAsync(settled: false, ct);

    /// <summary>Completes when the controller is idle and no timed transition is pending: the simulation is at rest.</summary>
    public Task WaitForSettledAsync(CancellationToken ct) => _controller.WaitAsync(settled: true, ct);

    /// <summary>
    /// Writes a kubeconfig for this emulator (context <c>aigc-emulator</c>, default namespace <see cref="KubernetesEmulatorOptions.DemoNamespace"/>,
    /// a dummy token: the emulator does not authenticate) and returns its full path.
    /// </summary>
    public string WriteKubeconfig(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var server = BaseAddress.ToString().TrimEnd('/');
        File.WriteAllText(full, string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: aigc-emulator
              cluster:
                server: {server}
            contexts:
            - name: aigc-emulator
              context:
                cluster: aigc-emulator
                user: aigc-emulator
                namespace: {Options.DemoNamespace}
            current-context: aigc-emulator
            users:
            - name: aigc-emulator
              user:
                token: aigc-emulator
            preferences: {"{}"}

            """));
        return full;
    }

    public async ValueTask DisposeAsync()
    {
        await Faults.Outage.EndAsync().ConfigureAwait(false);
        _api.Stop();
        _store.DropWatches();
        await _host.DisposeAsync().ConfigureAwait(false);
        await _controller.DisposeAsync().ConfigureAwait(false);
        _reaper.Dispose();
    }
}
