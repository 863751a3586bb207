using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Sign-in only works on <c>Gateway:PublicUrl</c>: Logto returns there, and the correlation cookie lives on the address
/// the sign-in started from. The address a sign-in started from travels in the (protected) authentication properties;
/// when it, or the address the callback arrived on, is not the public URL's, the error page names both addresses.
/// </summary>
public static class SignInOrigin
{
    public const string WrongHost = "wrong_host";
    private const string Item = "aigc.sign-in-origin";

    /// <summary>Notes the scheme and host the sign-in started from.</summary>
    public static void Remember(AuthenticationProperties properties, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(request);
        properties.Items[Item] = $"{request.Scheme}://{request.Host}";
    }

    /// <summary>The address the user used when it is not the public URL's (where sign-in started, else where the callback arrived); null when they agree.</summary>
    public static string? Mismatch(AuthenticationProperties? properties, HttpRequest callback, Uri? publicUri)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (publicUri is null)
        {
            return null;
        }

        var expected = publicUri.GetLeftPart(UriPartial.Authority);
        var started = properties?.Items.TryGetValue(Item, out var origin) == true ? Clean(origin) : null;
        if (started is not null && !SameAuthority(started, expected))
        {
            return started;
        }

        var arrived = Clean($"{callback.Scheme}://{callback.Host}");
        return arrived is not null && !SameAuthority(arrived, expected) ? arrived : null;
    }

    /// <summary>The error page's address for <paramref name="opened"/>.</summary>
    public static string ErrorUrl(string opened) => SignInFailure.Url(WrongHost) + "&opened=" + Uri.EscapeDataString(opened);

    /// <summary>The sign-in error page; for <see cref="WrongHost"/> with both addresses (an unusable <paramref name="opened"/> gets the general page).</summary>
    public static string RenderHtml(string? reason, string? opened, Uri? publicUri, IStringLocalizer<Strings> text)
    {
        if (reason != WrongHost)
        {
            return SignInFailure.RenderHtml(reason, text);
        }

        return Clean(opened) is { } address && publicUri is not null
            ? SignInFailure.RenderHtml(reason, text, address, publicUri.GetLeftPart(UriPartial.Authority))
            : SignInFailure.RenderHtml(SignInFailure.Unknown, text);
    }

    /// <summary>Only the scheme and authority of an absolute http(s) URL; null for anything else.</summary>
    private static string? Clean(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    private static bool SameAuthority(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
