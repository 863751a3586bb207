namespace AigcGateway.Core.Users;

/// <summary>How a user is named to people: the first of name, username and e-mail that is not blank, else the Logto id.</summary>
public static class UserDisplayName
{
    public static string Of(string id, string? name, string? username, string? email)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new[] { name, username, email }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? id;
    }
}
