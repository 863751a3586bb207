namespace AigcGateway.Core.Users;

/// <summary>One Logto user's decoded instance entries.</summary>
public sealed record UserCustomDataEntries(string UserId, CustomDataEntries Entries);
