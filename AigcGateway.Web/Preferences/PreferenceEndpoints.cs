using AigcGateway.Web.Auth;
using Microsoft.AspNetCore.Localization;

namespace AigcGateway.Web.Preferences;

/// <summary>
/// <c>GET /culture/{culture}?returnUrl=</c>: remembers the language in the standard culture cookie and returns to a
/// local page (<see cref="ReturnUrlValidator.ResolveLocal"/>). The language must be applied to the whole page (server-rendered parts included), so the switch reloads.
/// </summary>
public static class PreferenceEndpoints
{
    public static IEndpointRouteBuilder MapPreferenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var supported = SupportedCultures.Find(culture);
            if (supported is null)
            {
                return Results.Problem(
                    title: "Unsupported language",
                    detail: $"'{culture}' is not offered. Choose one of: {string.Join(", ", SupportedCultures.All)}.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(supported)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    IsEssential = true,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                });
            return Results.LocalRedirect(ReturnUrlValidator.ResolveLocal(returnUrl));
        }).AllowAnonymous();
        return endpoints;
    }
}
