using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AigcGateway.Web.Demo.Kubernetes;

/// <summary>
/// An in-process Kubernetes API server (Kestrel on 127.0.0.1, port chosen at start) serving GameServerSets,
/// GameServers, pods, PVCs, events, leases and the OKG CRDs, with an OpenKruiseGame controller simulation and
/// fault injection. For demo mode and the tests; production code never depends on it.
/// </summary>
public sealed class KubernetesEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly OkgController _controller;
    private readonly KubernetesApi _api;

    private KubernetesEmulator(WebApplication app, ObjectStore store, OkgController controller, KubernetesApi api, KubernetesEmulatorFaults faults, KubernetesEmulatorOptions options, Uri baseAddress)
    {
        _app = app;
        _store = store;
        _controller = controller;
        _api = api;
        Faults = faults;
        Options = options;
        BaseAddress = baseAddress;
    }

    /// <summary>The API server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Fault injection.</summary>
    public KubernetesEmulatorFaults Faults { get; }

    public KubernetesEmulatorOptions Options { get; }

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

        var controller = new OkgController(store, options);
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

        var faults = new KubernetesEmulatorFaults(store, controller);
        var api = new KubernetesApi(store, faults, options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KubernetesEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(api.HandleAsync);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await controller.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KubernetesEmulator(app, store, controller, api, faults, options, new Uri(address.TrimEnd('/') + "/"));
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
        _api.Stop();
        _store.DropWatches();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _controller.DisposeAsync().ConfigureAwait(false);
    }
}
