using System.Security.Claims;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Sessions;
using AigcGateway.Tests.Sessions;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace AigcGateway.Tests.Auth;

/// <summary>A WebApplication built with the gateway's own extension methods on a TestServer, plus test-only sign-in helpers.</summary>
public sealed class AuthTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AuthTestHost(WebApplication app, InMemorySessionRevocations revocations)
    {
        _app = app;
        Revocations = revocations;
        Client = app.GetTestClient();
        Client.BaseAddress = new Uri("https://dashboard.example.test");
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Revoked sessions (the cluster's ConfigMap in production).</summary>
    public InMemorySessionRevocations Revocations { get; }

    public static async Task<AuthTestHost> StartAsync(
        Dictionary<string, string?> settings, ILogtoUsers? logtoUsers, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        if (logtoUsers is not null)
        {
            builder.Services.AddSingleton(logtoUsers);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var revocations = new InMemorySessionRevocations();
        builder.Services.AddSingleton<ISessionRevocations>(revocations);

        builder.AddGatewayConfiguration();
        builder.AddGatewayAuthentication();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGatewayAuthEndpoints();
        app.MapGet("/test/sign-in-as", async (HttpContext context, string sub, string? email, bool admin) =>
        {
            var identity = new ClaimsIdentity(
                [new Claim(GatewayClaims.Subject, sub), new Claim(GatewayClaims.Name, sub)],
                GatewayAuthentication.CookieScheme, GatewayClaims.Name, GatewayClaims.Roles);
            if (email is not null)
            {
                identity.AddClaim(new Claim(GatewayClaims.Email, email));
            }

            if (admin)
            {
                identity.AddClaim(new Claim(GatewayClaims.Administrator, "true"));
            }

            await context.SignInAsync(GatewayAuthentication.CookieScheme, new ClaimsPrincipal(identity));
            return "signed in";
        });
        app.MapGet("/test/me", (HttpContext context) => context.User.Identity?.Name ?? "anonymous");
        app.MapGet("/test/admin", () => "admin page").RequireAuthorization(GatewayPolicies.Administrator);
        await app.StartAsync(cancellationToken);
        return new AuthTestHost(app, revocations);
    }

    /// <summary>Signs in through the test endpoint and returns the cookies it set (name -> header value).</summary>
    public async Task<IReadOnlyDictionary<string, SetCookieHeaderValue>> SignInAsAsync(string sub, string? email, bool admin, CancellationToken cancellationToken)
    {
        var query = $"/test/sign-in-as?sub={Uri.EscapeDataString(sub)}&admin={admin}" + (email is null ? "" : $"&email={Uri.EscapeDataString(email)}");
        using var response = await Client.GetAsync(query, cancellationToken);
        response.EnsureSuccessStatusCode();
        return Cookies(response);
    }

    /// <summary>Who <c>/test/me</c> says is signed in for a request carrying exactly <paramref name="cookieHeader"/>.</summary>
    public async Task<string> WhoAmIAsync(string cookieHeader, CancellationToken cancellationToken)
    {
        using var request = Get("/test/me");
        request.Headers.Add(HeaderNames.Cookie, cookieHeader);
        using var response = await Client.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public static IReadOnlyDictionary<string, SetCookieHeaderValue> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)
            ? SetCookieHeaderValue.ParseList([.. values]).ToDictionary(c => c.Name.ToString(), c => c)
            : new Dictionary<string, SetCookieHeaderValue>();

    public static HttpRequestMessage Get(string url, IReadOnlyDictionary<string, SetCookieHeaderValue>? cookies = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookies is not null)
        {
            request.Headers.Add(HeaderNames.Cookie, string.Join("; ", cookies.Values.Select(c => $"{c.Name}={c.Value}")));
        }

        return request;
    }

    /// <summary><c>GET /auth</c> as nginx asks it for <paramref name="instanceUrl"/>, with only the instance-access cookie (the instance host's cookie).</summary>
    public static HttpRequestMessage ForwardAuth(string instanceUrl, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        ArgumentNullException.ThrowIfNull(cookies);
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth");
        request.Headers.Add("X-Original-URL", instanceUrl);
        request.Headers.Add(HeaderNames.Cookie, $"{InstanceAccessCookie.Name}={cookies[InstanceAccessCookie.Name].Value}");
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
