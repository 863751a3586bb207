using System.Net;
using System.Text;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AigcGateway.Web.Auth;

/// <summary>Classifies sign-in failures into reason codes and renders the readable page for them (English; the lead localises it).</summary>
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

    public static (string Title, string Explanation, string Check) Describe(string? reason) => reason switch
    {
        Correlation => ("The sign-in took too long or was started in another tab",
            "The answer from the sign-in service did not match a sign-in started in this browser (state or correlation check failed).",
            "Start again from the dashboard. If it keeps happening, check that the browser accepts cookies for this site and that all gateway replicas share the same data-protection keys (Gateway:DataProtectionKeysPath)."),
        InvalidClient => ("The gateway could not identify itself to Logto",
            "Logto refused the gateway's application credentials (invalid_client).",
            "Administrators: check Logto:AppId and Logto:AppSecret (App_Id / App_Secret) against the Traditional Web application in the Logto console."),
        RedirectUri => ("Logto does not accept this gateway's return address",
            "The redirect URI the gateway sent is not registered for its application in Logto.",
            "Administrators: register https://<dashboard host>/sign-in-callback as a redirect URI of the Traditional Web application, and check Gateway:PublicUrl."),
        Unreachable => ("The sign-in service cannot be reached",
            "The gateway could not contact Logto, or Logto did not answer in time.",
            "Try again in a minute. Administrators: check Logto:Endpoint and Logto:InternalEndpoint, DNS and certificates (Logto:CaBundlePath) from inside the gateway's pod."),
        AccessDenied => ("Sign-in was cancelled",
            "The sign-in service reported that access was denied or the sign-in was cancelled.",
            "Start the sign-in again."),
        InvalidToken => ("The sign-in answer could not be verified",
            "The identity token from Logto failed verification (issuer, signature or lifetime).",
            "Administrators: check that Logto:Endpoint is exactly Logto's configured endpoint and that the server clocks are correct."),
        Forbidden => ("You do not have access to this page",
            "This page is for administrators.",
            "Ask an administrator to give you the administrator role in Logto."),
        _ => ("Sign-in failed",
            "Something went wrong while signing in.",
            "Start the sign-in again. If it keeps failing, administrators can find the details in the gateway's log."),
    };

    public static string RenderHtml(string? reason)
    {
        var (title, explanation, check) = Describe(reason);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append(" - AIGC Gateway</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}")
            .Append("h1{font-size:1.5rem}p.check{background:#f4f4f8;padding:1rem;border-radius:6px}a{margin-right:1rem}</style></head><body>");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        html.Append("<p>").Append(WebUtility.HtmlEncode(explanation)).Append("</p>");
        html.Append("<p class=\"check\">").Append(WebUtility.HtmlEncode(check)).Append("</p>");
        html.Append("<p><a href=\"/sign-in\">Sign in again</a><a href=\"/\">Home</a></p>");
        html.Append("</body></html>");
        return html.ToString();
    }
}
