using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AigcGateway.Emulators.Logto;

/// <summary>
/// The Management API subset under <c>/api</c>: bearer JWT from the M2M client-credentials grant (scope <c>all</c>,
/// app holding the Management API role), users, custom data and roles, in Logto's shapes. Applications are not served:
/// the demo and the tests configure their apps up front and nothing scripts app creation (docs/deploy.md tells operators
/// that a real Logto 1.22 returns the usable secret only from <c>GET /api/applications/{id}/secrets</c>).
/// </summary>
internal static class LogtoManagementApi
{
    private const int MaxPageSize = 100;
    private const int DefaultPageSize = 20;

    public static void Map(
        WebApplication app, LogtoDirectory directory, LogtoFaults faults, LogtoAddress address, SecurityKey signingKey, TimeProvider time)
    {
        var tokens = new JsonWebTokenHandler();
        var api = app.MapGroup("/api");
        api.AddEndpointFilter(async (context, next) =>
        {
            if (faults.NextApiCall() is { } status)
            {
                return Injected(status);
            }

            var denial = await AuthorizeAsync(context.HttpContext, tokens, directory, address, signingKey, time);
            return denial ?? await next(context);
        });

        api.MapGet("/users", (HttpContext http) => Page(http, directory.WithUsers(
            users => users.OrderByDescending(u => u.CreatedAt).Select(UserJson).ToImmutableArray())));

        api.MapGet("/users/{id}", (string id) =>
            directory.WithUser(id, UserJson) is { } user ? Results.Json(user) : LogtoErrors.NotFound());

        api.MapGet("/users/{id}/custom-data", (string id) =>
            directory.WithUser(id, r => r.CustomData.DeepClone()) is { } data ? Results.Json(data) : LogtoErrors.NotFound());

        api.MapPatch("/users/{id}/custom-data", async (string id, HttpContext http) =>
        {
            var body = await ReadObjectAsync(http);
            if (body?["customData"] is not JsonObject patch)
            {
                return LogtoErrors.InvalidInput("Body must be {\"customData\": {...}}.");
            }

            // Shallow merge: given top-level keys overwrite (null is stored as null), the others stay.
            var merged = directory.WithUser(id, r =>
            {
                foreach (var (key, value) in patch)
                {
                    r.CustomData[key] = value?.DeepClone();
                }

                r.UpdatedAt = directory.Now;
                return r.CustomData.DeepClone();
            });
            return merged is null ? LogtoErrors.NotFound() : Results.Json(merged);
        });

        api.MapPatch("/users/{id}", async (string id, HttpContext http) =>
        {
            var body = await ReadObjectAsync(http);
            return body is null ? LogtoErrors.InvalidInput("Body must be a JSON object.") : UpdateUser(directory, id, body);
        });

        api.MapGet("/users/{id}/roles", (string id, HttpContext http) =>
            directory.WithUser(id, r => r.RoleIds.Select(directory.FindRole).OfType<LogtoRole>()
                .Select(role => (JsonNode)RoleJson(role)).ToList()) is { } roles
                ? Page(http, roles)
                : LogtoErrors.NotFound());

        api.MapGet("/roles", (HttpContext http) =>
        {
            var type = http.Request.Query["type"].ToString();
            var roles = directory.Roles.Where(r => type.Length == 0 || r.Type == type).Select(role =>
            {
                var json = RoleJson(role);
                var holders = directory.WithUsers(users => users.Where(u => u.RoleIds.Contains(role.Id))
                    .Select(u => new JsonObject { ["id"] = u.Id, ["avatar"] = u.Avatar, ["name"] = u.Name }).ToList());
                var apps = role.Id == LogtoDemoUsers.ManagementApiRoleId ? ManagementApps(directory) : [];
                json["usersCount"] = holders.Count;
                json["featuredUsers"] = new JsonArray([.. holders.Take(3)]);
                json["applicationsCount"] = apps.Count;
                json["featuredApplications"] = new JsonArray([.. apps.Take(3).Select(a =>
                    new JsonObject { ["id"] = a.ClientId, ["name"] = a.ClientId, ["type"] = "MachineToMachine" })]);
                return (JsonNode)json;
            }).ToImmutableArray();
            return Page(http, roles);
        });

        api.MapGet("/roles/{id}/users", (string id, HttpContext http) => directory.FindRole(id) is null
            ? LogtoErrors.NotFound()
            : Page(http, directory.WithUsers(users => users.Where(u => u.RoleIds.Contains(id))
                .OrderByDescending(u => u.CreatedAt).Select(UserJson).ToImmutableArray())));
    }

    private static IResult Injected(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => LogtoErrors.Unauthorized(),
        HttpStatusCode.Forbidden => LogtoErrors.Forbidden(),
        HttpStatusCode.NotFound => LogtoErrors.NotFound(),
        _ => LogtoErrors.Api((int)status, "unknown", "Request failed (injected by the Logto emulator)."),
    };

    private static List<LogtoM2mApplication> ManagementApps(LogtoDirectory directory) =>
        [.. directory.M2mApps.Where(a => a.HasManagementApiRole).OrderBy(a => a.ClientId, StringComparer.Ordinal)];

    private static async Task<IResult?> AuthorizeAsync(
        HttpContext http, JsonWebTokenHandler tokens, LogtoDirectory directory, LogtoAddress address, SecurityKey key, TimeProvider time)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return LogtoErrors.Unauthorized();
        }

        var result = await tokens.ValidateTokenAsync(header["Bearer ".Length..].Trim(), new TokenValidationParameters
        {
            ValidIssuer = address.Issuer,
            ValidAudience = LogtoOidcServer.ManagementApiResource,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha384],
            ValidTypes = ["at+jwt"],
            LifetimeValidator = (_, expires, _, _) => expires is { } e && e > time.GetUtcNow().UtcDateTime,
        });
        if (!result.IsValid)
        {
            return LogtoErrors.Unauthorized();
        }

        var scopes = (result.Claims.TryGetValue("scope", out var s) ? s as string : null)?.Split(' ') ?? [];
        var clientId = result.Claims.TryGetValue("client_id", out var c) ? c as string
            : result.Claims.TryGetValue("sub", out var sub) ? sub as string : null;
        return scopes.Contains(LogtoOidcServer.AllScope) && directory.FindM2mApp(clientId)?.HasManagementApiRole == true
            ? null
            : LogtoErrors.Forbidden();
    }

    private static IResult Page(HttpContext http, IReadOnlyList<JsonNode> items)
    {
        var query = http.Request.Query;
        if (!TryParse(query["page"], 1, out var page) || page < 1
            || !TryParse(query["page_size"], DefaultPageSize, out var size) || size < 1 || size > MaxPageSize)
        {
            return LogtoErrors.InvalidInput($"page must be >= 1 and page_size between 1 and {MaxPageSize}.");
        }

        http.Response.Headers["Total-Number"] = items.Count.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new JsonArray([.. items.Skip((page - 1) * size).Take(size).Select(i => i.DeepClone())]));
    }

    private static bool TryParse(string? value, int fallback, out int result)
    {
        if (string.IsNullOrEmpty(value))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult UpdateUser(LogtoDirectory directory, string id, JsonObject body)
    {
        string? error = null;
        string? conflict = null;
        var updated = directory.WithUser(id, r =>
        {
            if (!TryString(body, "username", out var username) || !TryString(body, "primaryEmail", out var email)
                || !TryString(body, "primaryPhone", out var phone) || !TryString(body, "name", out var name)
                || !TryString(body, "avatar", out var avatar)
                || (body.ContainsKey("customData") && body["customData"] is not JsonObject)
                || (body.ContainsKey("profile") && body["profile"] is not JsonObject))
            {
                error = "username, primaryEmail, primaryPhone, name and avatar are strings or null; customData and profile are objects.";
                return null;
            }

            var users = directory.WithUsers(all => all.ToList());
            if (username.Set && username.Value is { } u && users.Any(o => o.Id != id && string.Equals(o.Username, u, StringComparison.OrdinalIgnoreCase)))
            {
                conflict = "user.username_already_in_use";
                return null;
            }

            if (email.Set && email.Value is { } m && users.Any(o => o.Id != id && string.Equals(o.PrimaryEmail, m, StringComparison.OrdinalIgnoreCase)))
            {
                conflict = "user.email_already_in_use";
                return null;
            }

            if (username.Set) r.Username = username.Value;
            if (email.Set) r.PrimaryEmail = email.Value;
            if (phone.Set) r.PrimaryPhone = phone.Value;
            if (name.Set) r.Name = name.Value;
            if (avatar.Set) r.Avatar = avatar.Value;
            if (body["customData"] is JsonObject customData) r.CustomData = (JsonObject)customData.DeepClone();
            if (body["profile"] is JsonObject profile) r.Profile = (JsonObject)profile.DeepClone();
            r.UpdatedAt = directory.Now;
            return UserJson(r);
        });
        return (updated, error, conflict) switch
        {
            (_, { } message, _) => LogtoErrors.InvalidInput(message),
            (_, _, "user.username_already_in_use") => LogtoErrors.Api(422, "user.username_already_in_use", "This username is already in use."),
            (_, _, { } code) => LogtoErrors.Api(422, code, "This email is associated with an existing account."),
            ({ } user, _, _) => Results.Json(user),
            _ => LogtoErrors.NotFound(),
        };
    }

    private static bool TryString(JsonObject body, string key, out (bool Set, string? Value) field)
    {
        field = (false, null);
        if (!body.TryGetPropertyValue(key, out var node))
        {
            return true;
        }

        if (node is null)
        {
            field = (true, null);
            return true;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            field = (true, text);
            return true;
        }

        return false;
    }

    private static JsonObject RoleJson(LogtoRole role) => new()
    {
        ["tenantId"] = "default",
        ["id"] = role.Id,
        ["name"] = role.Name,
        ["description"] = role.Description,
        ["type"] = role.Type,
        ["isDefault"] = false,
    };

    private static JsonNode UserJson(LogtoUserRecord r) => new JsonObject
    {
        ["id"] = r.Id,
        ["username"] = r.Username,
        ["primaryEmail"] = r.PrimaryEmail,
        ["primaryPhone"] = r.PrimaryPhone,
        ["name"] = r.Name,
        ["avatar"] = r.Avatar,
        ["customData"] = r.CustomData.DeepClone(),
        ["identities"] = new JsonObject(),
        ["lastSignInAt"] = r.LastSignInAt,
        ["createdAt"] = r.CreatedAt,
        ["updatedAt"] = r.UpdatedAt,
        ["profile"] = r.Profile.DeepClone(),
        ["applicationId"] = null,
        ["isSuspended"] = false,
        ["hasPassword"] = false,
    };
}
