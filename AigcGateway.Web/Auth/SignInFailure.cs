using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;
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

    /// <summary>Every reason the sign-in error page explains (any other gets the general texts of <see cref="Unknown"/>).</summary>
    public static readonly IReadOnlyList<string> Reasons = [Correlation, InvalidClient, RedirectUri, Unreachable, AccessDenied, InvalidToken, Forbidden, SignInOrigin.WrongHost, Unknown];

    /// <summary>The stem of a reason's keys in Strings.resx (<c>_Title</c>, <c>_Explanation</c>, <c>_Check</c>): constants, not the reason text.</summary>
    internal static string KeyStem(string? reason) => reason switch
    {
        Correlation => "SignInError_correlation",
        InvalidClient => "SignInError_invalid_client",
        RedirectUri => "SignInError_redirect_uri",
        Unreachable => "SignInError_unreachable",
        AccessDenied => "SignInError_access_denied",
        InvalidToken => "SignInError_invalid_token",
        Forbidden => "SignInError_forbidden",
        SignInOrigin.WrongHost => "SignInError_wrong_host",
        _ => "SignInError_unknown",
    };

    /// <summary>What happened and what to check, in the request's language (Strings.resx: <c>SignInError_&lt;reason&gt;_*</c>).</summary>
    public static (string Title, string Explanation, string Check) Describe(string? reason, IStringLocalizer<Strings> text, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stem = KeyStem(reason);
        return (text[stem + "_Title", arguments], text[stem + "_Explanation", arguments], text[stem + "_Check", arguments]);
    }

    /// <param name="arguments">what the reason's texts name (e.g. the addresses of <see cref="SignInOrigin.WrongHost"/>); encoded like the rest</param>
    public static string RenderHtml(string? reason, IStringLocalizer<Strings> text, params object[] arguments)
    {
        var (title, explanation, check) = Describe(reason, text, arguments);
        return SimplePage.Render(title, text["App_Name"], html =>
        {
            html.Append("<p>").Append(SimplePage.Encode(explanation)).Append("</p>");
            html.Append("<p class=\"check\">").Append(SimplePage.Encode(check)).Append("</p>");
            html.Append("<p><a href=\"/sign-in\">").Append(SimplePage.Encode(text["SignInError_SignInAgain"]))
                .Append("</a><a class=\"secondary\" href=\"/\">").Append(SimplePage.Encode(text["SignInError_Home"])).Append("</a></p>");
        });
    }
}
