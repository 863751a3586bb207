namespace AigcGateway.Web.Auth;

/// <summary>What the instance-access cookie proves: the Logto user id, the e-mail (for <c>X-Auth-Request-Email</c>) and until when.</summary>
public sealed record AccessTicket(string UserId, string? Email, DateTimeOffset ExpiresAt);
