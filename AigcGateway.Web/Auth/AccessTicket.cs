namespace AigcGateway.Web.Auth;

/// <summary>
/// What the instance-access cookie proves: the Logto user id, the e-mail (for <c>X-Auth-Request-Email</c>), until when,
/// and whether the user was an administrator (used only when <c>Gateway:AllowAdminInstanceAccess</c> is on).
/// </summary>
public sealed record AccessTicket(string UserId, string? Email, DateTimeOffset ExpiresAt, bool IsAdministrator = false)
{
    /// <summary>The sign-in session it belongs to: revoking the session refuses the cookie.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>The session's absolute end; no renewal reaches past it.</summary>
    public DateTimeOffset SessionExpiresAt { get; init; }

    /// <summary>When this cookie was minted (renewal is due once a third of its lifetime has passed).</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>Whether Logto said <see cref="Email"/> is verified (e-mail entries of <c>Gateway:AdminUsers</c>).</summary>
    public bool EmailVerified { get; init; }
}
