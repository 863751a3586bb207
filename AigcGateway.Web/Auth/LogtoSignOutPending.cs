namespace AigcGateway.Web.Auth;

/// <summary>
/// A browser's note that it signed out here while Logto could not be reached, so its Logto session may still be open.
/// While the note is there, the next sign-in asks Logto for the password again (<c>prompt=login</c>) instead of letting
/// the old Logto session sign in silently; that sign-in, or a later successful end of the Logto session, removes it.
/// It carries nothing secret: a planted note only makes the next sign-in ask for the password.
/// </summary>
public static class LogtoSignOutPending
{
    public const string Name = "aigc_logto_signout";

    /// <summary>As long as Logto keeps a session by default (14 days): after that the Logto session has ended anyway.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public static bool IsMarked(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.ContainsKey(Name);
    }

    public static void Mark(HttpContext context, bool secure)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name, "1", Options(secure, Lifetime));
    }

    public static void Clear(HttpContext context, bool secure)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsMarked(context.Request))
        {
            context.Response.Cookies.Delete(Name, Options(secure, maxAge: null));
        }
    }

    private static CookieOptions Options(bool secure, TimeSpan? maxAge) => new()
    {
        Path = "/",
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        MaxAge = maxAge,
    };
}
