namespace AigcGateway.Core.Storage.Audit;

/// <summary>The Logto user id inside the actor texts the gateway writes: <c>user &lt;id&gt;</c>, <c>Name (&lt;id&gt;)</c> or a bare id.</summary>
public static class AuditActor
{
    private const string UserPrefix = "user ";

    public static string? IdOf(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            return null;
        }

        actor = actor.Trim();
        if (actor.StartsWith(UserPrefix, StringComparison.Ordinal) && actor.Length > UserPrefix.Length && !actor[UserPrefix.Length..].Contains(' ', StringComparison.Ordinal))
        {
            return actor[UserPrefix.Length..];
        }

        if (actor.EndsWith(')') && actor.LastIndexOf(" (", StringComparison.Ordinal) is var open and > 0)
        {
            var id = actor[(open + 2)..^1];
            return id.Length > 0 && !id.Contains(' ', StringComparison.Ordinal) ? id : null;
        }

        return actor.Contains(' ', StringComparison.Ordinal) ? null : actor;
    }
}
