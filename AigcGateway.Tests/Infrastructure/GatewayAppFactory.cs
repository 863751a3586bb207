using System.Net;
using AigcGateway.Emulators.Logto;
using AigcGateway.Emulators.Kubernetes;
using LogtoServer = AigcGateway.Emulators.Logto.LogtoEmulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

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
        // the console gets warnings and errors only: a failed test's output stays readable (tests that read logs add their own provider)
        _settings["Logging:Console:LogLevel:Default"] = "Warning";
        // each gateway its own audit store (replicas share it, as they would share one PostgreSQL)
        _settings["Database:DataDirectory"] = Path.Combine(_directory.FullName, "data");
    }

    /// <summary>Another replica of <paramref name="replicaOf"/>'s gateway: the same emulated cluster and Logto (disposed with that one), same settings.</summary>
    /// <remarks>Shared Data Protection keys: set <c>Gateway:DataProtectionKeysPath</c> on the first (e.g. to its <see cref="ScratchDirectory"/>) before, as the chart does.</remarks>
    public GatewayAppFactory(GatewayAppFactory replicaOf)
    {
        ArgumentNullException.ThrowIfNull(replicaOf);
        PublicUrl = replicaOf.PublicUrl;
        Logto = replicaOf.Logto;
        Kubernetes = replicaOf.Kubernetes;
        _ownsEmulators = false;
        _directory = Directory.CreateTempSubdirectory("aigc-gateway-test-");
        foreach (var (key, value) in replicaOf._settings)
        {
            _settings[key] = value;
        }

        _settings["Kubernetes:Kubeconfig"] = Kubernetes.WriteKubeconfig(Path.Combine(_directory.FullName, "kubeconfig"));
        _settings["Gateway:ConfigFile"] = Path.Combine(_directory.FullName, "no-legacy-config.json");
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
    private PortReservation? _port;

    public GatewayAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Kestrel listens on the reserved port of 127.0.0.1, taking over the reservation's socket (no race with other listeners).</summary>
    protected void UseReservedPort(PortReservation port)
    {
        ArgumentNullException.ThrowIfNull(port);
        _port = port;
        UseKestrel(port.Port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_port is { } port)
        {
            builder.ConfigureServices(services => services.Configure<SocketTransportOptions>(options =>
                options.CreateBoundListenSocket = endpoint => endpoint is IPEndPoint ip && ip.Port == port.Port && ip.Address.Equals(IPAddress.Loopback)
                    ? port.TakeSocket()
                    : SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint)));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsEmulators)
        {
            await Logto.DisposeAsync();
            await Kubernetes.DisposeAsync();
        }

        _directory.Delete(recursive: true);
        _port?.Dispose();
        GC.SuppressFinalize(this);
    }
}
