namespace AigcGateway.Core.Access;

/// <summary>Who the instance-access cookie says the browser belongs to (and whether they were an administrator at sign-in).</summary>
public sealed record AccessIdentity(string UserId, string? Email, bool IsAdministrator = false);
