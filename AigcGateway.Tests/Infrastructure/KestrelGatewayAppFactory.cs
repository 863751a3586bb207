namespace AigcGateway.Tests.Infrastructure;

/// <summary>The whole gateway on a real loopback port, for browsers (and nginx) to reach.</summary>
public sealed class KestrelGatewayAppFactory : GatewayAppFactory
{
    public KestrelGatewayAppFactory()
    {
        UseKestrel(0);
    }

    /// <summary>Starts the server and returns its base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        return ClientOptions.BaseAddress;
    }
}
