using System.Net;
using System.Net.Sockets;
using AigcGateway.Web.Demo.Logto;
using AigcGateway.Web.Demo.Kubernetes;
using LogtoServer = AigcGateway.Web.Demo.Logto.LogtoEmulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// The whole gateway in-process, configured as in production against the emulators over real HTTP (a Logto emulator
/// of its own). <see cref="WebApplicationFactory{TEntryPoint}"/> captures the first host the entry point builds, so the
/// gateway never starts its own demo emulators here: the factory starts them and passes their settings.
/// </summary>
public class GatewayAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public GatewayAppFactory()
        : this(new Uri("http://localhost"))
    {
    }

    protected GatewayAppFactory(Uri publicUrl, KubernetesEmulatorOptions? kubernetes = null)
    {
        PublicUrl = publicUrl;
        Logto = LogtoServer.StartAsync(new LogtoEmulatorOptions(), CancellationToken.None).GetAwaiter().GetResult();
        Kubernetes = KubernetesEmulator.StartAsync(
            kubernetes ?? KubernetesEmulatorOptions.ForTests with { SeedDemo = true, DashboardUrl = publicUrl },
            CancellationToken.None).GetAwaiter().GetResult();
        _directory = Directory.CreateTempSubdirectory("aigc-gateway-test-");
        var kubeconfig = Kubernetes.WriteKubeconfig(Path.Combine(_directory.FullName, "kubeconfig"));
        var origin = publicUrl.GetLeftPart(UriPartial.Authority);
        Logto.RegisterWebApplication(LogtoWebApplication.Demo with
        {
            RedirectUris = [origin + "/sign-in-callback"],
            PostLogoutRedirectUris = [origin + "/"],
        });
        _settings["Gateway:PublicUrl"] = origin;
        _settings["Gateway:CookieDomain"] = publicUrl.Host;
        _settings["Logto:Endpoint"] = Logto.EndpointText;
        _settings["Logto:AppId"] = LogtoWebApplication.DemoClientId;
        _settings["Logto:AppSecret"] = LogtoWebApplication.DemoClientSecret;
        _settings["Logto:M2MId"] = LogtoM2mApplication.DemoClientId;
        _settings["Logto:M2MSecret"] = LogtoM2mApplication.DemoClientSecret;
        _settings["Kubernetes:Kubeconfig"] = kubeconfig;
        _settings["Gateway:ConfigFile"] = Path.Combine(_directory.FullName, "no-legacy-config.json");
        // each gateway its own audit store (replicas share it, as they would share one PostgreSQL)
        _settings["Database:DataDirectory"] = Path.Combine(_directory.FullName, "data");
    }

    /// <summary>
    /// A second replica of the same deployment: the same cluster, Logto and settings (set a shared
    /// <c>Gateway:DataProtectionKeysPath</c> first, as the chart does, so each reads the other's cookies).
    /// </summary>
    private GatewayAppFactory(GatewayAppFactory first)
    {
        PublicUrl = first.PublicUrl;
        Logto = first.Logto;
        Kubernetes = first.Kubernetes;
        _directory = first._directory;
        _ownsEmulators = false;
        foreach (var (key, value) in first._settings)
        {
            _settings[key] = value;
        }
    }

    /// <inheritdoc cref="GatewayAppFactory(GatewayAppFactory)"/>
    public GatewayAppFactory NewReplica() => new(this);

    public Uri PublicUrl { get; }

    public LogtoServer Logto { get; }

    /// <summary>The cluster the gateway talks to (seeded with the demo templates unless the test says otherwise).</summary>
    public KubernetesEmulator Kubernetes { get; }

    private readonly DirectoryInfo _directory;
    private readonly bool _ownsEmulators = true;

    /// <summary>A scratch directory removed with the factory (e.g. for shared Data Protection keys).</summary>
    public string ScratchDirectory => _directory.FullName;

    public GatewayAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsEmulators)
        {
            await Logto.DisposeAsync();
            await Kubernetes.DisposeAsync();
            _directory.Delete(recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A loopback port that is free now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
