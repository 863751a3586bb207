using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using LogtoServer = AigcGateway.Emulators.Logto.LogtoEmulator;

namespace AigcGateway.Tests.LogtoEmulator;

/// <summary>
/// The emulator works with ASP.NET Core's own OpenID Connect handler (the one the gateway uses): form_post callback,
/// PKCE, ES384 ID token, roles claim, and a sign-out whose registered post-logout URI is accepted.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed partial class LogtoOpenIdConnectHandlerTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Aspnet_openid_connect_handler_signs_in_the_administrator_with_roles()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        await using var relyingParty = await StartRelyingPartyAsync(emulator);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        var me = await SignInAsync(http, relyingParty.Urls.First(), emulator, LogtoDemoUsers.Admin.Id);

        me.ShouldBe("Demo Administrator|aigc-admin");
    }

    [Fact]
    public async Task Aspnet_openid_connect_sign_out_with_the_registered_uri_ends_at_that_uri()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        await using var relyingParty = await StartRelyingPartyAsync(emulator);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var app = relyingParty.Urls.First();
        await SignInAsync(http, app, emulator, LogtoDemoUsers.Alice.Id);

        using var signOut = await http.GetAsync(app + "/logout", Ct);
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await LogtoTestBrowser.ReadAsync(await http.GetAsync(signOut.Headers.Location, Ct));
        using var confirmed = await http.PostAsync(emulator.EndpointText + "/oidc/session/end/confirm",
            new FormUrlEncodedContent(Fields(page)), Ct);

        confirmed.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        confirmed.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(app + "/");
    }

    private static async Task<string> SignInAsync(HttpClient http, string app, LogtoServer emulator, string userId)
    {
        using var challenge = await http.GetAsync(app + "/login", Ct);
        challenge.Headers.Location!.AbsoluteUri.ShouldStartWith(emulator.Issuer + "/auth?");
        using var toSignIn = await http.GetAsync(challenge.Headers.Location, Ct);
        var signInPage = new Uri(emulator.Endpoint, toSignIn.Headers.Location!);
        var returnUrl = WebUtility.HtmlDecode(ReturnUrl().Match(await http.GetStringAsync(signInPage, Ct)).Groups[1].Value);
        using var chosen = await http.PostAsync(emulator.EndpointText + "/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userId"] = userId, ["returnUrl"] = returnUrl }), Ct);
        var formPost = await LogtoTestBrowser.ReadAsync(await http.GetAsync(new Uri(emulator.Endpoint, chosen.Headers.Location!), Ct));
        formPost.ShouldContain($"action=\"{app}/sign-in-callback\"");

        using var callback = await http.PostAsync(app + "/sign-in-callback", new FormUrlEncodedContent(Fields(formPost)), Ct);
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync(Ct));
        return await http.GetStringAsync(app + "/me", Ct);
    }

    private static async Task<WebApplication> StartRelyingPartyAsync(LogtoServer emulator)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        string? registeredPostLogout = null;
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                o.Authority = emulator.Issuer;
                o.RequireHttpsMetadata = false;
                o.ClientId = LogtoTestSetup.WebApp.ClientId;
                o.ClientSecret = LogtoTestSetup.WebApp.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = "/sign-in-callback";
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", "roles" })
                {
                    o.Scope.Add(scope);
                }

                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = "roles";
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    context.ProtocolMessage.PostLogoutRedirectUri = registeredPostLogout;
                    context.ProtocolMessage.ClientId = LogtoTestSetup.WebApp.ClientId;
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/me" }));
        app.MapGet("/me", (ClaimsPrincipal user) => $"{user.Identity?.Name}|{string.Join(',', user.FindAll("roles").Select(c => c.Value))}");
        app.MapGet("/logout", () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        await app.StartAsync(Ct);

        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        registeredPostLogout = url + "/";
        emulator.RegisterWebApplication(LogtoTestSetup.WebApp with
        {
            RedirectUris = [url + "/sign-in-callback"],
            PostLogoutRedirectUris = [registeredPostLogout],
        });
        return app;
    }

    private static Dictionary<string, string> Fields(string html) => HiddenField().Matches(html)
        .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
