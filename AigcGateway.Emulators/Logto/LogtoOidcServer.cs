using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AigcGateway.Emulators.Logto;

/// <summary>
/// OpenIddict server set-up (degraded mode: the emulator's directory supplies the client, redirect URI and
/// end-session checks) plus the handlers that give Logto's answers: error bodies, 303 after end session, JWT M2M tokens.
/// </summary>
internal static class LogtoOidcServer
{
    public const string ManagementApiResource = "https://default.logto.app/api";
    public const string AllScope = "all";
    public const string RolesScope = "roles";
    public const string CustomDataScope = "custom_data";
    public const string RolesClaim = "roles";
    public const string UsernameClaim = "username";
    public const string CustomDataClaim = "custom_data";

    private static readonly ImmutableArray<string> DiscoveryScopes =
        [Scopes.OpenId, Scopes.OfflineAccess, Scopes.Profile, Scopes.Email, CustomDataScope, RolesScope];

    public static void Configure(
        OpenIddictServerBuilder server,
        LogtoDirectory directory,
        LogtoAddress address,
        SecurityKey signingKey,
        LogtoEmulatorOptions options)
    {
        server.EnableDegradedMode();
        server.SetAuthorizationEndpointUris("oidc/auth")
            .SetTokenEndpointUris("oidc/token")
            .SetUserInfoEndpointUris("oidc/me")
            .SetJsonWebKeySetEndpointUris("oidc/jwks")
            .SetEndSessionEndpointUris("oidc/session/end", "oidc/session/end/confirm")
            .SetConfigurationEndpointUris("oidc/.well-known/openid-configuration");
        server.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow();
        server.RegisterScopes(Scopes.Profile, Scopes.Email, RolesScope, CustomDataScope, AllScope);
        server.RegisterClaims(
            Claims.Subject, Claims.Name, UsernameClaim, Claims.Picture, Claims.Email, Claims.EmailVerified, RolesClaim,
            CustomDataClaim, Claims.Issuer, Claims.Audience, Claims.ExpiresAt, Claims.IssuedAt, Claims.AuthenticationTime,
            Claims.Nonce, Claims.AccessTokenHash);
        server.RegisterResources(ManagementApiResource);
        server.AddSigningCredentials(new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha384));
        server.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
        server.SetAccessTokenLifetime(options.AccessTokenLifetime);
        server.SetIdentityTokenLifetime(TimeSpan.FromHours(1));
        server.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(1));
        server.UseAspNetCore()
            .DisableTransportSecurityRequirement()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableUserInfoEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();
        server.Configure(o =>
        {
            o.Issuer = new Uri(address.Issuer);
            o.TimeProvider = options.TimeProvider;
            o.CodeChallengeMethods.Clear();
            o.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
            o.ClientAuthenticationMethods.Clear();
            o.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretBasic);
            o.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretPost);
        });

        // Logto drops offline_access unless prompt=consent; here it is always dropped (no refresh tokens). Logto 1.4
        // silently ignores the roles scope it does not know.
        server.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
        {
            var scopes = context.Request.GetScopes();
            var kept = scopes.Remove(Scopes.OfflineAccess);
            if (!options.RolesScopeSupported)
            {
                kept = kept.Remove(RolesScope);
            }

            if (kept.Length != scopes.Length)
            {
                context.Request.Scope = string.Join(' ', kept);
            }

            return ValueTask.CompletedTask;
        }).SetOrder(int.MinValue + 1_000).SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
        {
            var app = directory.FindWebApp(context.ClientId);
            if (app is null)
            {
                context.Reject(Errors.InvalidClient, "client is invalid");
            }
            else if (context.RedirectUri is null || !app.RedirectUris.Contains(context.RedirectUri, StringComparer.Ordinal))
            {
                context.Reject("invalid_redirect_uri", "redirect_uri did not match any of the client's registered redirect_uris");
            }

            return ValueTask.CompletedTask;
        }).SetOrder(OpenIddictServerHandlers.Authentication.ValidateClientRedirectUri.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
        {
            ValidateTokenRequest(context, directory);
            return ValueTask.CompletedTask;
        }).SetOrder(OpenIddictServerHandlers.Exchange.ValidateClientIdParameter.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ValidateEndSessionRequestContext>(b => b.UseInlineHandler(context =>
        {
            if (context.PostLogoutRedirectUri is not null && context.Request.ClientId is null && context.Request.IdTokenHint is null)
            {
                context.Reject(Errors.InvalidRequest, "post_logout_redirect_uri can only be used in combination with id_token_hint or client_id");
            }
            else if (context.PostLogoutRedirectUri is { } uri)
            {
                var candidates = context.ClientId is { } clientId
                    ? directory.FindWebApp(clientId) is { } app ? [app] : []
                    : directory.WebApps.ToList();
                if (!candidates.Any(a => a.PostLogoutRedirectUris.Contains(uri, StringComparer.Ordinal)))
                {
                    context.Reject(Errors.InvalidRequest, "post_logout_redirect_uri not registered");
                }
            }

            return ValueTask.CompletedTask;
        }).SetOrder(OpenIddictServerHandlers.Session.ValidateClientPostLogoutRedirectUri.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom));

        // Logto's M2M access tokens are plain JWTs (ES384, typ at+jwt); user access tokens stay opaque (encrypted).
        server.AddEventHandler<GenerateTokenContext>(b => b.UseInlineHandler(context =>
        {
            if (context.TokenType is TokenTypeIdentifiers.AccessToken or TokenTypeHints.AccessToken
                && context.Request?.IsClientCredentialsGrantType() == true)
            {
                context.EncryptionCredentials = null;
            }

            return ValueTask.CompletedTask;
        }).SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<HandleConfigurationRequestContext>(b => b.UseInlineHandler(context =>
        {
            var oidc = address.Issuer;
            context.Issuer = new Uri(oidc);
            context.AuthorizationEndpoint = new Uri(oidc + "/auth");
            context.TokenEndpoint = new Uri(oidc + "/token");
            context.UserInfoEndpoint = new Uri(oidc + "/me");
            context.JsonWebKeySetEndpoint = new Uri(oidc + "/jwks");
            context.EndSessionEndpoint = new Uri(oidc + "/session/end");
            context.Scopes.Clear();
            context.Scopes.UnionWith(options.RolesScopeSupported ? DiscoveryScopes : DiscoveryScopes.Remove(RolesScope));
            return ValueTask.CompletedTask;
        }).SetOrder(int.MaxValue - 1_000).SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ApplyAuthorizationResponseContext>(b => b.UseInlineHandler(async context =>
        {
            if (context.Error is { } error && context.RedirectUri is null)
            {
                await WriteOidcErrorAsync(context.Transaction, error, context.Response.ErrorDescription).ConfigureAwait(false);
                context.HandleRequest();
            }
        }).SetOrder(OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFormPostResponse.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ApplyEndSessionResponseContext>(b => b.UseInlineHandler(async context =>
        {
            if (context.Error is { } error)
            {
                await WriteOidcErrorAsync(context.Transaction, error, context.Response.ErrorDescription).ConfigureAwait(false);
                context.HandleRequest();
            }
            else if (context.PostLogoutRedirectUri is { } uri)
            {
                var location = context.Response.State is { } state
                    ? uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "state=" + Uri.EscapeDataString(state)
                    : uri;
                var response = context.Transaction.GetHttpRequest()!.HttpContext.Response;
                response.StatusCode = StatusCodes.Status303SeeOther;
                response.Headers.Location = location;
                context.HandleRequest();
            }
        }).SetOrder(OpenIddictServerAspNetCoreHandlers.Session.ProcessQueryResponse.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ApplyTokenResponseContext>(b => b.UseInlineHandler(context =>
        {
            AddLogtoErrorFields(context.Response);

            // OpenIddict counts the seconds left (3599); Logto answers the configured lifetime (3600).
            if (context.Response.ExpiresIn is not null)
            {
                context.Response.ExpiresIn = (long)options.AccessTokenLifetime.TotalSeconds;
            }

            // Logto always names the granted scope of an M2M token.
            if (context.Response.Error is null && context.Request?.IsClientCredentialsGrantType() == true && context.Response.Scope is null
                && context.Request.HasScope(AllScope) && directory.FindM2mApp(context.Request.ClientId)?.HasManagementApiRole == true)
            {
                context.Response.Scope = AllScope;
            }

            return ValueTask.CompletedTask;
        }).SetOrder(int.MinValue + 1_000).SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ApplyUserInfoResponseContext>(b => b.UseInlineHandler(context =>
        {
            AddLogtoErrorFields(context.Response);
            return ValueTask.CompletedTask;
        }).SetOrder(int.MinValue + 1_000).SetType(OpenIddictServerHandlerType.Custom));
    }

    private static void ValidateTokenRequest(ValidateTokenRequestContext context, LogtoDirectory directory)
    {
        var request = context.Request;
        if (request.IsAuthorizationCodeGrantType())
        {
            var app = directory.FindWebApp(request.ClientId);
            if (app is null || !SecretMatches(app.ClientSecret, request.ClientSecret))
            {
                context.Reject(Errors.InvalidClient, "client authentication failed");
            }
            else if (request.Code is null || !directory.TryRedeemCode(request.Code))
            {
                context.Reject(Errors.InvalidGrant, "grant request is invalid");
            }
        }
        else if (request.IsClientCredentialsGrantType())
        {
            var app = directory.FindM2mApp(request.ClientId);
            if (app is null || !SecretMatches(app.ClientSecret, request.ClientSecret))
            {
                context.Reject(Errors.InvalidClient, "client authentication failed");
            }
            else if (!request.GetResources().Contains(ManagementApiResource))
            {
                context.Reject(Errors.InvalidTarget, "resource indicator is missing, or unknown");
            }
        }
        else
        {
            context.Reject(Errors.UnsupportedGrantType, "unsupported grant_type requested");
        }
    }

    private static bool SecretMatches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static void AddLogtoErrorFields(OpenIddictResponse response)
    {
        if (response.Error is { } error)
        {
            response["code"] = "oidc." + error;
            response["message"] = LogtoErrors.OidcMessage(error);
        }
    }

    private static async Task WriteOidcErrorAsync(OpenIddictServerTransaction transaction, string error, string? description)
    {
        var http = transaction.GetHttpRequest()!.HttpContext;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(
            JsonSerializer.Serialize(LogtoErrors.OidcBody(error, description)), http.RequestAborted).ConfigureAwait(false);
    }
}
