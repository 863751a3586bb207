using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Web;

/// <summary>
/// <c>/_blazor</c> (WebSocket handshake, negotiate, long polling) answers only the dashboard's own origin: browsers send
/// the Lax session cookie on WebSocket handshakes and fetches from every same-site page (instance hosts, Logto).
/// The gateway here is public at http://localhost.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class BlazorOriginTests(GatewayAppFixture app) : IClassFixture<GatewayAppFixture>
{
    private const string Own = "http://localhost";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string?> ForeignOrigins => new()
    {
        "https://evil.example",
        "http://i1.localhost",
        "http://localhost:8080",
        "https://localhost",
        "null",
        "http://localhost.evil.example",
    };

    private async Task<HttpResponseMessage> NegotiateAsync(string? origin, string? fetchSite = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return await app.Client.SendAsync(request, Ct);
    }

    private async Task<string> ConnectionTokenAsync()
    {
        using var negotiate = await NegotiateAsync(Own, "same-origin");
        negotiate.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private async Task<HttpResponseMessage> PollAsync(string token, string? origin, string? fetchSite)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/_blazor?id={Uri.EscapeDataString(token)}");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return await app.Client.SendAsync(request, Ct);
    }

    private async Task<WebSocket> ConnectAsync(string? origin)
    {
        var client = app.Factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        };
        return await client.ConnectAsync(new Uri("ws://localhost/_blazor"), Ct);
    }

    [Fact]
    public async Task The_dashboards_own_origin_negotiates()
    {
        using var response = await NegotiateAsync(Own, "same-origin");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task A_negotiate_post_from_any_other_origin_is_refused(string? origin)
    {
        using var response = await NegotiateAsync(origin, "same-site");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_negotiate_post_without_an_origin_is_refused()
    {
        using var response = await NegotiateAsync(null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_websocket_handshake_from_the_dashboards_own_origin_opens()
    {
        using var socket = await ConnectAsync(Own);

        socket.State.ShouldBe(WebSocketState.Open);
    }

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task A_websocket_handshake_from_any_other_origin_is_refused(string? origin)
    {
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ConnectAsync(origin));

        refused.Message.ShouldContain("403");
    }

    [Fact]
    public async Task A_websocket_handshake_without_an_origin_is_refused()
    {
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ConnectAsync(null));

        refused.Message.ShouldContain("403");
    }

    [Fact]
    public async Task A_same_origin_long_poll_without_an_origin_header_is_served()
    {
        // browsers send no Origin on same-origin GETs, but they do send Sec-Fetch-Site
        using var response = await PollAsync(await ConnectionTokenAsync(), null, "same-origin");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("http://i1.localhost", "same-site")]
    [InlineData(null, "same-site")]
    [InlineData(null, "cross-site")]
    [InlineData(null, "none")]
    public async Task A_long_poll_from_another_origin_or_site_is_refused(string? origin, string? fetchSite)
    {
        using var response = await PollAsync(await ConnectionTokenAsync(), origin, fetchSite);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
