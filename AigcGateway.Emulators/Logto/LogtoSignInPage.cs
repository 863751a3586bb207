using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AigcGateway.Emulators.Logto;

/// <summary>
/// The emulator's interaction page: one button per user, and a small form that creates a user. Choosing a user
/// starts the emulator's session (its own cookie) and returns to the pending authorization request.
/// </summary>
internal static class LogtoSignInPage
{
    public static void Map(WebApplication app, LogtoDirectory directory)
    {
        app.MapGet("/sign-in", (HttpContext http) => Render(directory, ReturnUrl(http.Request.Query["returnUrl"]), error: null));
        app.MapPost("/sign-in", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = ReturnUrl(form["returnUrl"]);
            if (form["userId"].ToString() is not { Length: > 0 } userId || directory.FindUser(userId) is null)
            {
                return Render(directory, returnUrl, "Choose a user from the list.");
            }

            await SignInAsync(http, userId);
            return Results.Redirect(returnUrl);
        });
        app.MapGet("/sign-in/done", () => LogtoHtml.Page("Signed in", "<h1>You are signed in.</h1>"));
        app.MapPost("/sign-in/create", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = ReturnUrl(form["returnUrl"]);
            var username = form["username"].ToString().Trim();
            var name = form["name"].ToString().Trim();
            var email = form["email"].ToString().Trim();
            if (username.Length == 0 || !username.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return Render(directory, returnUrl, "A username is letters, digits and underscores.");
            }

            if (directory.IsUsernameTaken(username))
            {
                return Render(directory, returnUrl, "This username is already in use.");
            }

            var user = directory.Add(null, username, name.Length > 0 ? name : username, email, []);
            await SignInAsync(http, user.Id);
            return Results.Redirect(returnUrl);
        });
    }

    private static Task SignInAsync(HttpContext http, string userId) => http.SignInAsync(
        LogtoOidcEndpoints.SessionScheme,
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, userId)], LogtoOidcEndpoints.SessionScheme)));

    /// <summary>Only a pending authorization request of this emulator is a valid place to return to.</summary>
    private static string ReturnUrl(string? value) =>
        value is not null && value.StartsWith("/oidc/auth?", StringComparison.Ordinal) ? value : "/sign-in/done";

    private static IResult Render(LogtoDirectory directory, string returnUrl, string? error)
    {
        var html = new StringBuilder();
        html.Append("<h1>Sign in</h1><p class=\"hint\">Logto emulator: choose a demo user.</p>");
        if (error is not null)
        {
            html.Append($"<p class=\"error\">{LogtoHtml.Encode(error)}</p>");
        }

        foreach (var user in directory.Users)
        {
            var badge = string.Concat(user.Roles.Select(r => $"<span class=\"role\">{LogtoHtml.Encode(r)}</span>"));
            html.Append($"""
                <form class="user" method="post" action="/sign-in">
                  <input type="hidden" name="returnUrl" value="{LogtoHtml.Encode(returnUrl)}">
                  <button type="submit" name="userId" value="{LogtoHtml.Encode(user.Id)}" data-username="{LogtoHtml.Encode(user.Username)}">
                    {badge}{LogtoHtml.Encode(user.Name)}<span class="sub">{LogtoHtml.Encode(user.Username)} · {LogtoHtml.Encode(user.PrimaryEmail)}</span>
                  </button>
                </form>
                """);
        }

        html.Append($"""
            <form method="post" action="/sign-in/create">
              <fieldset>
                <legend>Create a user</legend>
                <input type="hidden" name="returnUrl" value="{LogtoHtml.Encode(returnUrl)}">
                <label for="username">Username</label><input type="text" id="username" name="username" required>
                <label for="name">Name</label><input type="text" id="name" name="name">
                <label for="email">Email</label><input type="email" id="email" name="email">
                <p><button class="primary" type="submit">Create and sign in</button></p>
              </fieldset>
            </form>
            """);
        return LogtoHtml.Page("Sign in", html.ToString());
    }
}
