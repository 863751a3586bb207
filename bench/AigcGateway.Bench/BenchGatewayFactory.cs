using System.Net;
using System.Net.Sockets;
using AigcGateway.Emulators.Kubernetes;
using AigcGateway.Emulators.Logto;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Bench;

/// <summary>
/// The whole gateway (Program) on a real loopback port, in the Production environment and not in demo mode: it talks to
/// a Logto emulator and a Kubernetes emulator (zero delays, demo templates) over HTTP through an ordinary kubeconfig,
/// as it would to a real Logto and cluster. Logging is at Warning, as a production deployment would run it.
/// </summary>
internal sealed class BenchGatewayFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly DirectoryInfo _directory;

    private BenchGatewayFactory(int port, LogtoEmulator logto, KubernetesEmulator kubernetes, DirectoryInfo directory)
    {
        Port = port;
        Logto = logto;
        Kubernetes = kubernetes;
        _directory = directory;
        var origin = PublicUrl.GetLeftPart(UriPartial.Authority);
        logto.RegisterWebApplication(LogtoWebApplication.Demo with
        {
            RedirectUris = [origin + "/sign-in-callback"],
            PostLogoutRedirectUris = [origin + "/"],
        });
        _settings["Gateway:PublicUrl"] = origin;
        _settings["Gateway:CookieDomain"] = PublicUrl.Host;
        _settings["Gateway:ConfigFile"] = Path.Combine(directory.FullName, "no-legacy-config.json");
        _settings["Logto:Endpoint"] = logto.EndpointText;
        _settings["Logto:AppId"] = LogtoWebApplication.DemoClientId;
        _settings["Logto:AppSecret"] = LogtoWebApplication.DemoClientSecret;
        _settings["Logto:M2MId"] = LogtoM2mApplication.DemoClientId;
        _settings["Logto:M2MSecret"] = LogtoM2mApplication.DemoClientSecret;
        _settings["Kubernetes:Kubeconfig"] = kubernetes.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"));
        UseKestrel(port);
    }

    public int Port { get; }

    /// <summary>The address a browser opens, e.g. <c>http://localhost:41234/</c>.</summary>
    public Uri PublicUrl => new($"http://localhost:{Port}/");

    /// <summary>The same server by IP, for wrk.</summary>
    public Uri LoopbackUrl => new($"http://127.0.0.1:{Port}/");

    public LogtoEmulator Logto { get; }

    public KubernetesEmulator Kubernetes { get; }

    public static async Task<BenchGatewayFactory> StartAsync(CancellationToken ct)
    {
        var port = FreeLoopbackPort();
        var logto = await LogtoEmulator.StartAsync(new LogtoEmulatorOptions(), ct);
        var kubernetes = await KubernetesEmulator.StartAsync(
            KubernetesEmulatorOptions.ForTests with { SeedDemo = true, DashboardUrl = new Uri($"http://localhost:{port}") }, ct);
        var factory = new BenchGatewayFactory(port, logto, kubernetes, Directory.CreateTempSubdirectory("aigc-gateway-bench-"));
        factory.StartServer();
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Production serves static assets from a publish folder; this build output has the development manifest instead
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.PostConfigure<LoggerFilterOptions>(options =>
        {
            options.Rules.Clear();
            options.MinLevel = LogLevel.Warning;
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Logto.DisposeAsync();
        await Kubernetes.DisposeAsync();
        _directory.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
