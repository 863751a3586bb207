using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AigcGateway.Emulators.Logto;

/// <summary>
/// The pass-through parts of the OIDC endpoints: who is signed in (the emulator's session cookie), which claims go
/// where, and the end-session confirmation page.
/// </summary>
internal static class LogtoOidcEndpoints
{
    public const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string SessionCookieName = "_logto_emulator_session";
    private const string OidcScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void Map(WebApplication app, LogtoDirectory directory, LogtoFaults faults)
    {
        app.MapMethods("/oidc/auth", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, CancellationToken ct) => AuthorizeAsync(http, directory, ct));
        app.MapPost("/oidc/token", (HttpContext http, CancellationToken ct) => TokenAsync(http, directory, faults, ct));
        app.MapMethods("/oidc/me", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, CancellationToken ct) => UserInfoAsync(http, directory, ct));
        app.MapGet("/oidc/session/end", (HttpContext http) => EndSessionPage(http));
        app.MapPost("/oidc/session/end/confirm", (HttpContext http, CancellationToken ct) => ConfirmEndSessionAsync(http, ct));
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, LogtoDirectory directory, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OIDC request.");
        var session = await http.AuthenticateAsync(SessionScheme);
        var user = session.Principal?.FindFirstValue(Claims.Subject) is { } sub ? directory.FindUser(sub) : null;

        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "End-User authentication is required",
                    }),
                    [OidcScheme]);
            }

            // The sign-in page returns to the same request without prompt=login, which then signs in silently.
            var parameters = request.GetParameters()
                .Where(p => p.Key != Parameters.Prompt || (string?)p.Value != PromptValues.Login)
                .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString((string?)p.Value ?? "")}");
            var returnUrl = "/oidc/auth?" + string.Join('&', parameters);
            return Results.Redirect("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        directory.RecordSignIn(user.Id);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, LogtoOidcServer.RolesClaim);
        identity.SetClaim(Claims.Subject, user.Id);
        var scopes = request.GetScopes();
        if (scopes.Contains(Scopes.Profile))
        {
            identity.SetClaim(Claims.Name, user.Name);
            identity.SetClaim(LogtoOidcServer.UsernameClaim, user.Username);
        }

        if (scopes.Contains(Scopes.Email))
        {
            identity.SetClaim(Claims.Email, user.PrimaryEmail);
            identity.SetClaim(Claims.EmailVerified, true);
        }

        if (scopes.Contains(LogtoOidcServer.RolesScope))
        {
            AddRoles(identity, user.Roles);
        }

        identity.SetScopes(scopes);
        identity.SetResources(request.GetResources());
        identity.SetDestinations(UserClaimDestinations);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OidcScheme);
    }

    /// <summary>Profile, email and roles go to the ID token only; userinfo reads the user afresh from the subject.</summary>
    private static IEnumerable<string> UserClaimDestinations(Claim claim) => claim.Type == Claims.Subject
        ? [Destinations.AccessToken, Destinations.IdentityToken]
        : [Destinations.IdentityToken];

    /// <summary>A JSON array even for one role or none, as Logto writes it.</summary>
    private static void AddRoles(ClaimsIdentity identity, ImmutableArray<string> roles) =>
        identity.AddClaim(new Claim(LogtoOidcServer.RolesClaim, JsonSerializer.Serialize(roles), JsonClaimValueTypes.JsonArray));

    private static async Task<IResult> TokenAsync(HttpContext http, LogtoDirectory directory, LogtoFaults faults, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OIDC request.");
        if (request.IsAuthorizationCodeGrantType())
        {
            var principal = (await http.AuthenticateAsync(OidcScheme)).Principal!;

            // The code's round trip turns the JSON array into one claim per role: write it back as one array.
            var codeIdentity = (ClaimsIdentity)principal.Identity!;
            if (principal.HasScope(LogtoOidcServer.RolesScope))
            {
                foreach (var claim in codeIdentity.FindAll(LogtoOidcServer.RolesClaim).ToList())
                {
                    codeIdentity.RemoveClaim(claim);
                }

                var roles = principal.GetClaim(Claims.Subject) is { } sub && directory.FindUser(sub) is { } user ? user.Roles : [];
                AddRoles(codeIdentity, roles);
                codeIdentity.SetDestinations(UserClaimDestinations);
            }

            return Results.SignIn(principal, properties: null, OidcScheme);
        }

        // Client credentials (validated in LogtoOidcServer): scope "all" only when requested and the app holds the role.
        var app = directory.FindM2mApp(request.ClientId)!;
        faults.CountM2mToken();
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, app.ClientId);
        identity.SetScopes(request.HasScope(LogtoOidcServer.AllScope) && app.HasManagementApiRole
            ? [LogtoOidcServer.AllScope]
            : ImmutableArray<string>.Empty);
        identity.SetResources(request.GetResources());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OidcScheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, LogtoDirectory directory, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var result = await http.AuthenticateAsync(OidcScheme);
        var principal = result.Principal;
        var user = principal?.GetClaim(Claims.Subject) is { } sub ? directory.FindUser(sub) : null;

        // An access token issued for a resource (it has an audience) is not for userinfo.
        if (principal is null || user is null || !principal.GetAudiences().IsEmpty || !principal.GetResources().IsEmpty)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "access token is not valid for userinfo",
                }),
                [OidcScheme]);
        }

        var body = new JsonObject { ["sub"] = user.Id };
        if (principal.HasScope(Scopes.Profile))
        {
            body["name"] = user.Name;
            body["username"] = user.Username;
            body["picture"] = null;
        }

        if (principal.HasScope(Scopes.Email))
        {
            body["email"] = user.PrimaryEmail;
            body["email_verified"] = true;
        }

        if (principal.HasScope(LogtoOidcServer.RolesScope))
        {
            body["roles"] = new JsonArray([.. user.Roles.Select(r => JsonValue.Create(r))]);
        }

        if (principal.HasScope(LogtoOidcServer.CustomDataScope))
        {
            body["custom_data"] = directory.GetCustomData(user.Id);
        }

        return Results.Json(body);
    }

    private static IResult EndSessionPage(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OIDC request.");
        var fields = string.Concat(request.GetParameters().Select(p =>
            $"<input type=\"hidden\" name=\"{LogtoHtml.Encode(p.Key)}\" value=\"{LogtoHtml.Encode((string?)p.Value)}\">"));
        var body = $"""
            <h1>Signing out…</h1>
            <form id="op.logoutForm" method="post" action="/oidc/session/end/confirm">
              {fields}<input type="hidden" name="logout" value="yes">
              <button type="submit">Continue</button>
            </form>
            <script>document.getElementById('op.logoutForm').submit();</script>
            """;
        return LogtoHtml.Page("Sign out", body);
    }

    private static async Task<IResult> ConfirmEndSessionAsync(HttpContext http, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OIDC request.");
        await http.SignOutAsync(SessionScheme);
        return request.PostLogoutRedirectUri is null
            ? LogtoHtml.Page("Signed out", "<h1>You are signed out.</h1>")
            : Results.SignOut(properties: null, [OidcScheme]);
    }
}
