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

    /// <summary>Starts the server and returns the public address a browser opens, e.g. http://localhost:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        return new Uri(PublicUrl.GetLeftPart(UriPartial.Authority) + "/");
    }
}
