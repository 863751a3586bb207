namespace AigcGateway.Web.Auth;

/// <summary>
/// <c>Gateway:AdminUsers</c>: Logto user ids (preferred) and e-mail addresses. An e-mail entry counts only for a
/// verified e-mail, and only the domain is compared without regard to case: the mailbox part may be case-sensitive
/// (RFC 5321), so <c>Boss@</c> and <c>boss@</c> may be two people at a provider that keeps them apart.
/// </summary>
public static class AdminUserList
{
    public static bool Contains(IEnumerable<string> entries, string? userId, string? verifiedEmail)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Any(entry => (userId is not null && string.Equals(entry, userId, StringComparison.Ordinal))
            || (verifiedEmail is not null && SameMailbox(entry, verifiedEmail)));
    }

    internal static bool SameMailbox(string entry, string email)
    {
        var entryAt = entry.LastIndexOf('@');
        var emailAt = email.LastIndexOf('@');
        return entryAt > 0 && emailAt > 0
            && entry.AsSpan(0, entryAt).SequenceEqual(email.AsSpan(0, emailAt))
            && entry.AsSpan(entryAt + 1).Trim().Equals(email.AsSpan(emailAt + 1).Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
