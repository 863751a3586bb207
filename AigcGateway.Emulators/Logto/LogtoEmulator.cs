using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.Tokens;

namespace AigcGateway.Emulators.Logto;

/// <summary>
/// A Logto-compatible identity provider on a loopback port, for demo mode and tests: OIDC under <c>&lt;E&gt;/oidc</c>
/// (built on OpenIddict), the Management API subset under <c>&lt;E&gt;/api</c>, and a sign-in page listing the users.
/// Behaviour follows spec/logto.md (Logto 1.22).
/// </summary>
public sealed class LogtoEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LogtoDirectory _directory;
    private readonly LogtoFaults _faults;

    private LogtoEmulator(WebApplication app, LogtoDirectory directory, LogtoFaults faults, Uri endpoint)
    {
        _app = app;
        _directory = directory;
        _faults = faults;
        Endpoint = endpoint;
    }

    /// <summary>The Logto endpoint <c>&lt;E&gt;</c>, e.g. <c>http://127.0.0.1:41234/</c> (<see cref="EndpointText"/> has no trailing slash).</summary>
    public Uri Endpoint { get; }

    /// <summary>The endpoint as text without a trailing slash, as operators configure it.</summary>
    public string EndpointText => Endpoint.AbsoluteUri.TrimEnd('/');

    /// <summary>The OIDC issuer, <c>&lt;E&gt;/oidc</c>.</summary>
    public string Issuer => EndpointText + "/oidc";

    /// <summary>The Management API resource indicator (<c>https://default.logto.app/api</c>).</summary>
    public static string ManagementApiResource => LogtoOidcServer.ManagementApiResource;

    /// <summary>All users, in creation order.</summary>
    public ImmutableArray<LogtoEmulatorUser> Users => _directory.Users;

    /// <summary>Starts the emulator on 127.0.0.1 with a free port.</summary>
    public static async Task<LogtoEmulator> StartAsync(LogtoEmulatorOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = new LogtoDirectory(options);
        var faults = new LogtoFaults();
        var address = new LogtoAddress();
        var signingKey = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
        };

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(LogtoEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddAuthentication(LogtoOidcEndpoints.SessionScheme).AddCookie(LogtoOidcEndpoints.SessionScheme, o =>
        {
            o.Cookie.Name = LogtoOidcEndpoints.SessionCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/sign-in";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
        });
        builder.Services.AddOpenIddict().AddServer(server => LogtoOidcServer.Configure(server, directory, address, signingKey, options));

        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        LogtoOidcEndpoints.Map(app, directory, faults);
        LogtoSignInPage.Map(app, directory);
        LogtoManagementApi.Map(app, directory, faults, address, signingKey, options.TimeProvider);
        app.MapGet("/", () => LogtoHtml.Page("Logto emulator", $"""
            <h1>Logto emulator</h1>
            <p class="hint">A stand-in for Logto in demo mode and tests. Issuer <code>{LogtoHtml.Encode(address.Issuer)}</code>.</p>
            <p><a href="/oidc/.well-known/openid-configuration">OpenID configuration</a> · <a href="/sign-in">Users</a></p>
            """));

        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var endpoint = new Uri(bound.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        address.Set(endpoint);
        return new LogtoEmulator(app, directory, faults, endpoint);
    }

    /// <summary>Finds a user by id.</summary>
    public LogtoEmulatorUser? FindUser(string userId) => _directory.FindUser(userId);

    /// <summary>Creates a user (random 12-character id), as the sign-in page's form does.</summary>
    public LogtoEmulatorUser CreateUser(string username, string name, string email, params IEnumerable<string> roles) =>
        _directory.Add(null, username, name, email, roles);

    /// <summary>Replaces the user's roles by name (<see cref="LogtoDemoUsers.AdminRoleName"/> is the only user role).</summary>
    public void SetUserRoles(string userId, params IEnumerable<string> roleNames) => _directory.SetRoles(userId, roleNames);

    /// <summary>A copy of the user's customData.</summary>
    public JsonObject GetCustomData(string userId) => _directory.GetCustomData(userId);

    /// <summary>Replaces the user's customData (a copy of <paramref name="customData"/> is stored).</summary>
    public void SetCustomData(string userId, JsonObject customData) => _directory.SetCustomData(userId, customData);

    /// <summary>Adds or replaces a Traditional Web application (e.g. to register the gateway's callback URIs).</summary>
    public void RegisterWebApplication(LogtoWebApplication application) => _directory.Register(application);

    /// <summary>Adds or replaces a machine-to-machine application.</summary>
    public void RegisterM2mApplication(LogtoM2mApplication application) => _directory.Register(application);

    /// <summary>Grants or removes the Management API role of an M2M app; without it every API call answers 403.</summary>
    public void SetManagementApiRole(string clientId, bool granted) => _directory.SetManagementApiRole(clientId, granted);

    /// <summary>
    /// Makes the next <paramref name="count"/> Management API calls (any <c>/api</c> request) answer
    /// <paramref name="status"/> with a Logto error body, before authentication; 0 clears pending failures.
    /// </summary>
    public void FailNextApiCalls(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable) => _faults.Inject(count, status);

    /// <summary>Management API requests received so far (including failed ones).</summary>
    public int ManagementApiCalls => _faults.ApiCalls;

    /// <summary>M2M access tokens issued so far (client-credentials grants).</summary>
    public int M2mTokensIssued => _faults.M2mTokensIssued;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
