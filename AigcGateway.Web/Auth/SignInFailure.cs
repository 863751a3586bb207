using System.Globalization;
using System.Net;
using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;
using System.Text;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AigcGateway.Web.Auth;

/// <summary>Classifies sign-in failures into reason codes and renders the readable page for them (in the request's language).</summary>
public static class SignInFailure
{
    public const string Path = "/sign-in-error";
    public const string Correlation = "correlation";
    public const string InvalidClient = "invalid_client";
    public const string RedirectUri = "redirect_uri";
    public const string Unreachable = "unreachable";
    public const string AccessDenied = "access_denied";
    public const string InvalidToken = "invalid_token";
    public const string Forbidden = "forbidden";
    public const string Unknown = "unknown";

    public static string Classify(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            var message = e.Message;
            if (e is HttpRequestException or IOException or TaskCanceledException or TimeoutException
                || message.Contains("IDX20803", StringComparison.Ordinal) || message.Contains("IDX20804", StringComparison.Ordinal))
            {
                return Unreachable;
            }

            if (e is OpenIdConnectProtocolException)
            {
                if (message.Contains("invalid_client", StringComparison.Ordinal) || message.Contains("unauthorized_client", StringComparison.Ordinal))
                {
                    return InvalidClient;
                }

                if (message.Contains("redirect_uri", StringComparison.Ordinal))
                {
                    return RedirectUri;
                }

                if (message.Contains("access_denied", StringComparison.Ordinal) || message.Contains("login_required", StringComparison.Ordinal))
                {
                    return AccessDenied;
                }

                if (message.Contains("invalid_grant", StringComparison.Ordinal))
                {
                    return Correlation;
                }
            }

            if (message.Contains("Correlation failed", StringComparison.OrdinalIgnoreCase)
                || message.Contains("message.State", StringComparison.Ordinal)
                || message.Contains("Unable to unprotect", StringComparison.Ordinal))
            {
                return Correlation;
            }

            if (e.GetType().Namespace?.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal) == true
                || e is Microsoft.IdentityModel.Tokens.SecurityTokenException)
            {
                return InvalidToken;
            }
        }

        return Unknown;
    }

    public static string Url(string reason) => $"{Path}?reason={Uri.EscapeDataString(reason)}";

    private static readonly string[] Known = [Correlation, InvalidClient, RedirectUri, Unreachable, AccessDenied, InvalidToken, Forbidden, SignInOrigin.WrongHost];

    /// <summary>What happened and what to check, in the request's language (Strings.resx: <c>SignInError_&lt;reason&gt;_*</c>).</summary>
    public static (string Title, string Explanation, string Check) Describe(string? reason, IStringLocalizer<Strings> text, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(text);
        var code = Known.Contains(reason, StringComparer.Ordinal) ? reason : Unknown;
        return (text[$"SignInError_{code}_Title", arguments], text[$"SignInError_{code}_Explanation", arguments], text[$"SignInError_{code}_Check", arguments]);
    }

    /// <param name="arguments">what the reason's texts name (e.g. the addresses of <see cref="SignInOrigin.WrongHost"/>); encoded like the rest</param>
    public static string RenderHtml(string? reason, IStringLocalizer<Strings> text, params object[] arguments)
    {
        var (title, explanation, check) = Describe(reason, text, arguments);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(WebUtility.HtmlEncode(CultureInfo.CurrentUICulture.Name)).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append(" - ").Append(WebUtility.HtmlEncode(text["App_Name"])).Append("</title>");
        html.Append("<style>body{font-family:Roboto,system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2130}")
            .Append("h1{font-size:1.5rem}p.check{background:#f4f4f8;padding:1rem;border-radius:10px}")
            .Append("a{display:inline-block;margin-right:1rem;padding:.5rem 1rem;border-radius:10px;background:#5b4cdb;color:#fff;text-decoration:none}")
            .Append("a.secondary{background:none;color:#5b4cdb;border:1px solid #5b4cdb}")
            .Append("@media (prefers-color-scheme: dark){body{background:#12131a;color:#e8e8f0}p.check{background:#1e1f2b}}</style></head><body><main>");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        html.Append("<p>").Append(WebUtility.HtmlEncode(explanation)).Append("</p>");
        html.Append("<p class=\"check\">").Append(WebUtility.HtmlEncode(check)).Append("</p>");
        html.Append("<p><a href=\"/sign-in\">").Append(WebUtility.HtmlEncode(text["SignInError_SignInAgain"]))
            .Append("</a><a class=\"secondary\" href=\"/\">").Append(WebUtility.HtmlEncode(text["SignInError_Home"])).Append("</a></p>");
        html.Append("</main></body></html>");
        return html.ToString();
    }
}
