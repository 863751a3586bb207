using AigcGateway.Emulators.Kubernetes;
using AigcGateway.Emulators.Logto;
using AigcGateway.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AigcGateway.Web.Demo;

/// <summary>
/// Demo mode: the Logto and Kubernetes API emulators on loopback ports, seeded with demo users and templates, and the
/// configuration that points the real adapters at them (the Kubernetes one through an ordinary kubeconfig file).
/// Nothing else in the gateway knows it runs against emulators.
/// </summary>
public sealed partial class DemoEnvironment : IAsyncDisposable
{
    private DemoEnvironment(LogtoEmulator logto, KubernetesEmulator kubernetes, string kubeconfig, Uri dashboard)
    {
        Logto = logto;
        Kubernetes = kubernetes;
        KubeconfigPath = kubeconfig;
        DashboardUrl = dashboard;
    }

    /// <summary>
    /// How long a demo pod stays Terminating when it is stopped: long enough to see "Stopping" on the dashboard, far
    /// shorter than a real cluster's default of 30 s so the demo feels quick.
    /// </summary>
    public static TimeSpan DemoTerminationGracePeriod { get; } = TimeSpan.FromSeconds(3);

    public LogtoEmulator Logto { get; }

    public KubernetesEmulator Kubernetes { get; }

    /// <summary>A kubeconfig for the Kubernetes emulator, for the gateway and for a person with kubectl.</summary>
    public string KubeconfigPath { get; }

    /// <summary>The address the demo templates point their instances and forward-auth annotations at.</summary>
    public Uri DashboardUrl { get; }

    /// <summary>
    /// Starts the emulators before the gateway's services are registered and puts their addresses and credentials into
    /// the builder's configuration, where the gateway reads them as it would read an operator's settings. Registers the
    /// environment as a service (for the demo pages). Call <see cref="Map"/> once the app is built.
    /// </summary>
    public static async Task<DemoEnvironment> StartAsync(WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dashboard = ExpectedDashboardUrl(builder.Configuration);
        var logto = await LogtoEmulator.StartAsync(new LogtoEmulatorOptions(), cancellationToken);
        var kubernetes = await KubernetesEmulator.StartAsync(
            new KubernetesEmulatorOptions
            {
                SeedDemo = true,
                DashboardUrl = dashboard,
                DemoInstancesOnDashboardHost = true,
                TerminationGracePeriod = DemoTerminationGracePeriod,
            },
            cancellationToken);
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "aigc-gateway-demo", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var kubeconfig = kubernetes.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"));

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logto:Endpoint"] = logto.EndpointText,
            ["Logto:AppId"] = LogtoWebApplication.DemoClientId,
            ["Logto:AppSecret"] = LogtoWebApplication.DemoClientSecret,
            ["Logto:M2MId"] = LogtoM2mApplication.DemoClientId,
            ["Logto:M2MSecret"] = LogtoM2mApplication.DemoClientSecret,
            ["Kubernetes:Kubeconfig"] = kubeconfig,
            // GPU/CPU use from the emulator's Prometheus (its pods, "GPU busy" set per instance on the demo page)
            ["Idle:PrometheusUrl"] = kubernetes.PrometheusAddress.ToString(),
        });

        var demo = new DemoEnvironment(logto, kubernetes, kubeconfig, dashboard);
        builder.Services.AddSingleton(demo);
        builder.Services.AddSingleton<IDemoGpuLoad>(new EmulatorGpuLoad(kubernetes.Usage));
        demo.RegisterOrigins([dashboard.GetLeftPart(UriPartial.Authority)]);
        return demo;
    }

    /// <summary>
    /// Maps the demo instances on the dashboard host and, once the gateway listens, registers every address it listens
    /// on with Logto.
    /// </summary>
    public void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDemoInstances();
        Attach(app);
    }

    /// <summary>
    /// Where the gateway will be reached: <c>Gateway:PublicUrl</c>, else the first address it is told to listen on
    /// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, launch settings), else Kestrel's default.
    /// </summary>
    private static Uri ExpectedDashboardUrl(IConfiguration configuration)
    {
        foreach (var candidate in new[] { configuration["Gateway:PublicUrl"], configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() })
        {
            if (candidate is { Length: > 0 }
                && Uri.TryCreate(ListenAddress.Openable(candidate), UriKind.Absolute, out var uri))
            {
                return new Uri(uri.GetLeftPart(UriPartial.Authority));
            }
        }

        return new Uri("http://localhost:5000");
    }

    private void Attach(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var origins = new List<string>();
            foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                if (Uri.TryCreate(ListenAddress.Openable(address), UriKind.Absolute, out var uri))
                {
                    origins.Add(uri.GetLeftPart(UriPartial.Authority));
                    if (uri.IsLoopback)
                    {
                        origins.Add($"{uri.Scheme}://localhost:{uri.Port}");
                        origins.Add($"{uri.Scheme}://127.0.0.1:{uri.Port}");
                    }
                }
            }

            RegisterOrigins([DashboardUrl.GetLeftPart(UriPartial.Authority), .. origins]);
            LogDemoMode(app.Logger, DashboardUrl, Logto.EndpointText, KubeconfigPath);
        });
    }

    /// <summary>Registers the gateway's redirect and post sign-out URIs for these origins (e.g. http://dashboard.aigc.test:8080), as an operator does in the Logto console.</summary>
    private void RegisterOrigins(IEnumerable<string> origins)
    {
        var distinct = origins.Select(o => o.TrimEnd('/')).Distinct(StringComparer.Ordinal).ToList();
        Logto.RegisterWebApplication(LogtoWebApplication.Demo with
        {
            RedirectUris = [.. distinct.Select(o => o + "/sign-in-callback")],
            PostLogoutRedirectUris = [.. distinct.Select(o => o + "/")],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Kubernetes.DisposeAsync();
        await Logto.DisposeAsync();
        try
        {
            File.Delete(KubeconfigPath);
        }
        catch (IOException)
        {
            // a leftover file in the temp folder is harmless
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: sign-in (Logto emulator at {LogtoEndpoint}) and the cluster are simulated on this machine. Open {DashboardUrl} and sign in as alice, bob or admin. Inspect the simulated cluster with: kubectl --kubeconfig {Kubeconfig} get gss,gs,pods -A. Configure Logto:Endpoint to use a real Logto and cluster.")]
    private static partial void LogDemoMode(ILogger logger, Uri dashboardUrl, string logtoEndpoint, string kubeconfig);
}
