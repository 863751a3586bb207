namespace AigcGateway.Core.Users;

/// <summary>A signed-in person as the gateway sees them: Logto user id (<c>sub</c>), display name, e-mail, administrator flag.</summary>
public sealed record GatewayUser(string Id, string DisplayName, string? Email, bool IsAdministrator);
