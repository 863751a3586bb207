namespace AigcGateway.Core.Access;

/// <summary>Who the instance-access cookie says the browser belongs to.</summary>
public sealed record AccessIdentity(string UserId, string? Email);
