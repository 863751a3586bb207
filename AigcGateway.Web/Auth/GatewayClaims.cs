namespace AigcGateway.Web.Auth;

/// <summary>Claim types of the dashboard session (Logto's names are kept: inbound claim mapping is off).</summary>
public static class GatewayClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Username = "username";
    public const string Email = "email";
    public const string Roles = "roles";

    /// <summary>Logto's <c>email_verified</c> (with the <c>email</c> scope); an e-mail counts for <c>Gateway:AdminUsers</c> only when it is true.</summary>
    public const string EmailVerified = "email_verified";

    /// <summary>The sign-in session's id (random, issued at sign-in; what sign-out revokes).</summary>
    public const string SessionId = "aigc_sid";

    /// <summary>The sign-in session's absolute end (Unix seconds): <c>Gateway:SessionMaxAge</c> after sign-in.</summary>
    public const string SessionExpires = "aigc_session_expires";

    /// <summary>
    /// Set during sign-in only, when Logto's userinfo carried a <c>roles</c> array, even an empty one (Logto 1.22 sends
    /// <c>[]</c> for a user without roles): the roles are known and need no Management API call. Removed once read.
    /// </summary>
    public const string RolesAnswered = "aigc_roles_answered";

    /// <summary>Added at sign-in for administrators (value <c>true</c>).</summary>
    public const string Administrator = "aigc_admin";
}
