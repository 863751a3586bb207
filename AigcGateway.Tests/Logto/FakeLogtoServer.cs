using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AigcGateway.Tests.Logto;

/// <summary>
/// A small in-test Logto over real HTTP on a loopback port: the M2M token endpoint, the users API subset and an OIDC
/// discovery document. Knobs let tests make it refuse, fail or forget tokens.
/// </summary>
public sealed class FakeLogtoServer : IAsyncDisposable
{
    public const string M2MId = "m2m-app";
    public const string M2MSecret = "m2m-secret";
    public const string Resource = "https://default.logto.app/api";
    public const string WebAppId = "web-app";
    public const string WebAppSecret = "web-secret";

    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    private readonly WebApplication _app;
    private int _tokenCounter;
    private int _failNext;

    private FakeLogtoServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentDictionary<string, JsonObject> Users { get; } = new();

    public ConcurrentDictionary<string, string[]> Roles { get; } = new();

    public ConcurrentBag<string> RevokedTokens { get; } = [];

    public ConcurrentQueue<string> Requests { get; } = new();

    public int TokenRequests => Volatile.Read(ref _tokenCounter);

    public int ExpiresIn { get; set; } = 3600;

    /// <summary>Every API call answers 403 auth.forbidden (the M2M app lacks the Management API role).</summary>
    public bool Forbidden { get; set; }

    /// <summary>Logto is down: every connection is dropped without an answer (the OIDC endpoints included).</summary>
    public bool Down { get; set; }

    /// <summary>Every API call answers 401 whatever the token.</summary>
    public bool AlwaysUnauthorized { get; set; }

    /// <summary>The next N API calls answer 503.</summary>
    public int FailNextApiCalls
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    public string? LastTokenRequestBody { get; private set; }

    /// <summary>Authorization codes the test hands out: code -> nonce from the authorize URL and the user's claims.</summary>
    public ConcurrentDictionary<string, (string Nonce, JsonObject Claims)> Codes { get; } = new();

    /// <summary>Issuer written into ID tokens (Logto's configured endpoint + /oidc); defaults to this server's.</summary>
    public string? IdTokenIssuer { get; set; }

    public string? LastTokenAuthorization { get; private set; }

    public static async Task<FakeLogtoServer> StartAsync(CancellationToken cancellationToken, X509Certificate2? httpsCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (httpsCertificate is not null)
            {
                listen.UseHttps(httpsCertificate);
            }
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeLogtoServer(app);
        server.Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/'));
        return server;
    }

    public JsonObject AddUser(string id, string? email = null, JsonObject? customData = null)
    {
        var user = new JsonObject
        {
            ["id"] = id,
            ["username"] = id,
            ["primaryEmail"] = email ?? $"{id}@example.test",
            ["name"] = id,
            ["customData"] = customData ?? [],
        };
        Users[id] = user;
        return user;
    }

    public JsonObject CustomDataOf(string id) => (JsonObject)Users[id]["customData"]!;

    private void Map(WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (Down)
            {
                http.Abort();
                return;
            }

            await next(http);
        });
        app.MapGet("/oidc/.well-known/openid-configuration", () =>
        {
            var e = Endpoint.AbsoluteUri.TrimEnd('/');
            return Results.Json(new JsonObject
            {
                ["issuer"] = $"{e}/oidc",
                ["authorization_endpoint"] = $"{e}/oidc/auth",
                ["token_endpoint"] = $"{e}/oidc/token",
                ["userinfo_endpoint"] = $"{e}/oidc/me",
                ["jwks_uri"] = $"{e}/oidc/jwks",
                ["end_session_endpoint"] = $"{e}/oidc/session/end",
                ["response_types_supported"] = new JsonArray("code"),
                ["subject_types_supported"] = new JsonArray("public"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("ES384"),
                ["code_challenge_methods_supported"] = new JsonArray("S256"),
            });
        });
        app.MapGet("/oidc/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(_signingKey) { KeyId = "es384-key" });
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = jwk.Kty, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y, ["kid"] = jwk.Kid, ["alg"] = "ES384", ["use"] = "sig",
                }),
            });
        });
        app.MapGet("/oidc/me", (HttpContext http) =>
        {
            var token = http.Request.Headers.Authorization.ToString();
            var claims = Codes.Values.Select(c => c.Claims).FirstOrDefault(c => token == $"Bearer opaque-{(string)c["sub"]!}");
            return claims is null ? Results.Json(OidcError("invalid_token", "access token invalid"), statusCode: 401) : Results.Json(claims.DeepClone());
        });
        app.MapPost("/oidc/token", (Delegate)TokenAsync);

        app.MapGet("/api/users", (HttpContext http, int page, int page_size) => Api(http, () =>
        {
            var all = Users.Values.OrderBy(u => (string)u["id"]!).ToList();
            http.Response.Headers["Total-Number"] = all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new JsonArray([.. all.Skip((page - 1) * page_size).Take(page_size).Select(u => u.DeepClone())]));
        }));
        app.MapGet("/api/users/{id}", (HttpContext http, string id) => Api(http, () =>
            Users.TryGetValue(id, out var user) ? Results.Json(user.DeepClone()) : NotFound()));
        app.MapGet("/api/users/{id}/custom-data", (HttpContext http, string id) => Api(http, () =>
            Users.TryGetValue(id, out var user) ? Results.Json(user["customData"]!.DeepClone()) : NotFound()));
        app.MapGet("/api/users/{id}/roles", (HttpContext http, string id) => Api(http, () =>
            Users.ContainsKey(id)
                ? Results.Json(new JsonArray([.. Roles.GetValueOrDefault(id, []).Select(r =>
                    (JsonNode)new JsonObject { ["id"] = r + "-id", ["name"] = r, ["description"] = "", ["type"] = "User" })]))
                : NotFound()));
        app.MapMethods("/api/users/{id}/custom-data", ["PATCH"], async (HttpContext http, string id) =>
        {
            var body = await ReadJsonAsync(http);
            return Api(http, () =>
            {
                if (!Users.TryGetValue(id, out var user))
                {
                    return NotFound();
                }

                var data = (JsonObject)user["customData"]!;
                foreach (var (key, value) in (JsonObject)body["customData"]!)
                {
                    data[key] = value?.DeepClone();
                }

                return Results.Json(data.DeepClone());
            });
        });
        app.MapMethods("/api/users/{id}", ["PATCH"], async (HttpContext http, string id) =>
        {
            var body = await ReadJsonAsync(http);
            return Api(http, () =>
            {
                if (!Users.TryGetValue(id, out var user))
                {
                    return NotFound();
                }

                user["customData"] = body["customData"]!.DeepClone();
                return Results.Json(user.DeepClone());
            });
        });
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["grant_type"] == "authorization_code")
        {
            return CodeExchange(http, form);
        }

        LastTokenRequestBody = string.Join("&", form.Select(f => $"{f.Key}={f.Value}"));
        LastTokenAuthorization = http.Request.Headers.Authorization.ToString();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{M2MId}:{M2MSecret}"));
        if (LastTokenAuthorization != expected)
        {
            return Results.Json(OidcError("invalid_client", "client authentication failed"), statusCode: 401);
        }

        if (form["resource"] != Resource)
        {
            return Results.Json(OidcError("invalid_target", "resource indicator is missing, or unknown"), statusCode: 400);
        }

        var token = $"token-{Interlocked.Increment(ref _tokenCounter)}";
        return Results.Json(new JsonObject
        {
            ["access_token"] = token,
            ["expires_in"] = ExpiresIn,
            ["token_type"] = "Bearer",
            ["scope"] = form["scope"].ToString(),
        });
    }

    private IResult CodeExchange(HttpContext http, IFormCollection form)
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebAppId}:{WebAppSecret}"));
        var authenticated = http.Request.Headers.Authorization == basic
            || (form["client_id"] == WebAppId && form["client_secret"] == WebAppSecret);
        if (!authenticated)
        {
            return Results.Json(OidcError("invalid_client", "client authentication failed"), statusCode: 401);
        }

        if (string.IsNullOrEmpty(form["code_verifier"]) || !Codes.TryGetValue(form["code"].ToString(), out var grant))
        {
            return Results.Json(OidcError("invalid_grant", "grant request is invalid"), statusCode: 400);
        }

        var now = DateTime.UtcNow;
        var claims = grant.Claims.ToDictionary(c => c.Key, c => (object)(c.Value is JsonArray array
            ? array.Select(v => v!.GetValue<string>()).ToArray()
            : c.Value!.GetValue<string>()));
        claims["nonce"] = grant.Nonce;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IdTokenIssuer ?? $"{Endpoint.AbsoluteUri.TrimEnd('/')}/oidc",
            Audience = WebAppId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_signingKey) { KeyId = "es384-key" }, SecurityAlgorithms.EcdsaSha384),
        });
        return Results.Json(new JsonObject
        {
            ["access_token"] = $"opaque-{(string)grant.Claims["sub"]!}",
            ["expires_in"] = 3600,
            ["token_type"] = "Bearer",
            ["id_token"] = idToken,
            ["scope"] = "openid profile email roles",
        });
    }

    private IResult Api(HttpContext http, Func<IResult> handle)
    {
        Requests.Enqueue($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}");
        var auth = http.Request.Headers.Authorization.ToString();
        if (AlwaysUnauthorized || !auth.StartsWith("Bearer token-", StringComparison.Ordinal) || RevokedTokens.Contains(auth["Bearer ".Length..]))
        {
            return Results.Json(new JsonObject { ["code"] = "auth.unauthorized", ["message"] = "Unauthorized." }, statusCode: 401);
        }

        if (Forbidden)
        {
            return Results.Json(new JsonObject
            {
                ["message"] = "Forbidden. Please check your user roles and permissions.",
                ["code"] = "auth.forbidden",
            }, statusCode: 403);
        }

        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return Results.Json(new JsonObject { ["code"] = "unknown", ["message"] = "busy" }, statusCode: 503);
        }

        Interlocked.Exchange(ref _failNext, 0);
        return handle();
    }

    private static IResult NotFound() =>
        Results.Json(new JsonObject { ["code"] = "entity.not_found", ["message"] = "The user does not exist." }, statusCode: 404);

    private static JsonObject OidcError(string error, string description) => new()
    {
        ["code"] = $"oidc.{error}",
        ["message"] = description,
        ["error"] = error,
        ["error_description"] = description,
    };

    private static async Task<JsonObject> ReadJsonAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return (JsonObject)JsonNode.Parse(await reader.ReadToEndAsync(http.RequestAborted))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signingKey.Dispose();
    }
}
