namespace AigcGateway.Web.Auth;

/// <summary>
/// What the instance-access cookie proves: the Logto user id, the e-mail (for <c>X-Auth-Request-Email</c>), until when,
/// and whether the user was an administrator at sign-in (used only when <c>Gateway:AllowAdminInstanceAccess</c> is on).
/// </summary>
public sealed record AccessTicket(string UserId, string? Email, DateTimeOffset ExpiresAt, bool IsAdministrator = false);
