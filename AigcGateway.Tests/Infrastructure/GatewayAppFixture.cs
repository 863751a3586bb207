using Microsoft.AspNetCore.Mvc.Testing;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>One in-process gateway shared by the tests of a class; redirects are not followed so tests can see them.</summary>
public sealed class GatewayAppFixture : IAsyncDisposable
{
    private readonly GatewayAppFactory _factory = new();

    public GatewayAppFixture()
    {
        Client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    public HttpClient Client { get; }

    public GatewayAppFactory Factory => _factory;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
