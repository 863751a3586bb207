using AigcGateway.Web.Demo.Kubernetes;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>The whole gateway on a real loopback port, for browsers (and nginx) to reach.</summary>
public sealed class KestrelGatewayAppFactory : GatewayAppFactory
{
    public KestrelGatewayAppFactory()
        : this(FreeLoopbackPort())
    {
    }

    private KestrelGatewayAppFactory(int port)
        : base(new Uri($"http://localhost:{port}"))
    {
        UseKestrel(port);
    }

    /// <summary>
    /// The gateway on <paramref name="port"/> of the loopback interface, reached by browsers at
    /// <paramref name="publicUrl"/> (through nginx), with a cluster seeded as <paramref name="kubernetes"/> says.
    /// </summary>
    public KestrelGatewayAppFactory(int port, Uri publicUrl, string cookieDomain, KubernetesEmulatorOptions kubernetes)
        : base(publicUrl, kubernetes)
    {
        UseKestrel(port);
        WithSetting("Gateway:CookieDomain", cookieDomain);
    }

    /// <summary>Starts the server and returns the public address a browser opens, e.g. http://localhost:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        return new Uri(PublicUrl.GetLeftPart(UriPartial.Authority) + "/");
    }
}
