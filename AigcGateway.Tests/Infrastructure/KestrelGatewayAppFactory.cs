using AigcGateway.Emulators.Kubernetes;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>The whole gateway on a real loopback port, for browsers (and nginx) to reach.</summary>
public sealed class KestrelGatewayAppFactory : GatewayAppFactory
{
    public KestrelGatewayAppFactory()
        : this(PortReservation.Loopback())
    {
    }

    private KestrelGatewayAppFactory(PortReservation port)
        : base(new Uri($"http://localhost:{port.Port}"))
    {
        UseReservedPort(port);
    }

    /// <summary>
    /// The gateway on a port of the loopback interface that Kestrel chooses (<see cref="Address"/> once started),
    /// reached by browsers at <paramref name="publicUrl"/> (through nginx), with a cluster seeded as
    /// <paramref name="kubernetes"/> says.
    /// </summary>
    public KestrelGatewayAppFactory(Uri publicUrl, string cookieDomain, KubernetesEmulatorOptions kubernetes)
        : base(publicUrl, kubernetes)
    {
        UseKestrel(0);
        WithSetting("Gateway:CookieDomain", cookieDomain);
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/ (after <see cref="Start"/>).</summary>
    public Uri Address => ClientOptions.BaseAddress;

    /// <summary>Starts the server and returns the public address a browser opens, e.g. http://localhost:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        return new Uri(PublicUrl.GetLeftPart(UriPartial.Authority) + "/");
    }
}
