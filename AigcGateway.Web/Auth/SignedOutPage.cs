using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The page after a sign-out that Logto did not hear (it could not be reached): the user is signed out here, but the
/// Logto session may still be open. Offers to try again (a form posting to <c>/sign-out/logto</c> with an antiforgery
/// token) and a way back.
/// </summary>
internal static class SignedOutPage
{
    public const string RetryPath = "/sign-out/logto";

    public static string RenderHtml(AntiforgeryTokenSet tokens, IStringLocalizer<Strings> text)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(text);
        return SimplePage.Render(text["SignedOut_Title"], text["App_Name"], html =>
        {
            html.Append("<p class=\"check\" role=\"status\">").Append(SimplePage.Encode(text["SignedOut_LogtoUnreachable"])).Append("</p>");
            html.Append("<form method=\"post\" action=\"").Append(RetryPath).Append("\">")
                .Append("<input type=\"hidden\" name=\"").Append(SimplePage.Encode(tokens.FormFieldName))
                .Append("\" value=\"").Append(SimplePage.Encode(tokens.RequestToken)).Append("\">")
                .Append("<button type=\"submit\">").Append(SimplePage.Encode(text["SignedOut_TryAgain"])).Append("</button>")
                .Append("<a class=\"secondary\" href=\"/\">").Append(SimplePage.Encode(text["SignedOut_Back"])).Append("</a>")
                .Append("</form>");
        });
    }
}
