using System.Net;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Admin;

/// <summary>Only administrators reach the administration pages; a signed-in user who is not one gets the 403 page.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class AdminAccessTests(AdminAccessTests.Host host) : IClassFixture<AdminAccessTests.Host>
{
    public static TheoryData<string> Routes => ["/admin/templates", "/admin/instances", "/admin/templates/new", "/admin/templates/aigc/sd-webui"];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_signed_in_user_who_is_not_an_administrator_gets_403_on_every_admin_route(string route)
    {
        var alice = await host.ClientAsync("alice", Ct);

        using var response = await alice.GetAsync(route, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/access-denied");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_administrator_opens_every_admin_route(string route)
    {
        var admin = await host.ClientAsync("admin", Ct);

        using var response = await admin.GetAsync(route, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe(route);
    }

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_sign_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Factory.Start() };

        using var response = await client.GetAsync("/admin/templates", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith(host.Factory.Logto.EndpointText);
    }

    /// <summary>One gateway and one signed-in client per user for the whole class.</summary>
    public sealed class Host : IAsyncDisposable
    {
        private readonly Dictionary<string, HttpClient> _clients = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public AdminGatewayAppFactory Factory { get; } = new();

        public async Task<HttpClient> ClientAsync(string username, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_clients.TryGetValue(username, out var client))
                {
                    client = await Factory.SignedInClientAsync(username, cancellationToken);
                    _clients[username] = client;
                }

                return client;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            _gate.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
