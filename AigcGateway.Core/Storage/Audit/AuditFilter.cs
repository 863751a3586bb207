namespace AigcGateway.Core.Storage.Audit;

/// <summary>
/// Which audit entries to show; every criterion that is set must hold. <see cref="Text"/> is searched (without case) in
/// the actor, action, template, target, detail and replica.
/// </summary>
public sealed record AuditFilter
{
    public static AuditFilter None { get; } = new();

    /// <summary>The Logto user id of who acted.</summary>
    public string? UserId { get; init; }

    /// <summary><c>namespace/name</c>.</summary>
    public string? Template { get; init; }

    /// <summary>The instance's id within <see cref="Template"/> (only meaningful with it).</summary>
    public int? InstanceId { get; init; }

    public string? Action { get; init; }

    public AuditOutcome? Outcome { get; init; }

    /// <summary>Entries at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries before this time.</summary>
    public DateTimeOffset? To { get; init; }

    public string? Text { get; init; }
}
