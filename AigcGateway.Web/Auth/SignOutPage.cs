using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The page behind <c>GET /sign-out</c> (the earlier gateway's link, which any site could trigger): it asks for
/// confirmation with a form that posts to <c>/sign-out</c> carrying an antiforgery token, and offers a way back.
/// </summary>
internal static class SignOutPage
{
    public static string RenderHtml(AntiforgeryTokenSet tokens, IStringLocalizer<Strings> text, bool notVerified = false)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(text);
        return SimplePage.Render(text["SignOut_Title"], text["App_Name"], html =>
        {
            if (notVerified)
            {
                html.Append("<p class=\"check\">").Append(SimplePage.Encode(text["SignOut_NotVerified"])).Append("</p>");
            }

            html.Append("<p>").Append(SimplePage.Encode(text["SignOut_Explanation"])).Append("</p>");
            html.Append("<form method=\"post\" action=\"/sign-out\">")
                .Append("<input type=\"hidden\" name=\"").Append(SimplePage.Encode(tokens.FormFieldName))
                .Append("\" value=\"").Append(SimplePage.Encode(tokens.RequestToken)).Append("\">")
                .Append("<button type=\"submit\" class=\"sign-out-confirm\">").Append(SimplePage.Encode(text["SignOut_Confirm"])).Append("</button>")
                .Append("<a class=\"secondary\" href=\"/\">").Append(SimplePage.Encode(text["SignOut_Cancel"])).Append("</a>")
                .Append("</form>");
        });
    }
}
