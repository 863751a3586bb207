using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>One recorded lifecycle or administrative action: who did what to which object, when, and how it ended.</summary>
public sealed record AuditEntry(DateTimeOffset Time, string Actor, string Action, string Target, bool Succeeded, string? Detail = null)
{
    /// <summary>The entry's number in the audit log (0 until it is written); with <see cref="Time"/> the paging key.</summary>
    public long Id { get; init; }

    /// <summary>The Logto user id of who acted (null for the gateway itself).</summary>
    public string? ActorId { get; init; }

    public TemplateRef? Template { get; init; }

    /// <summary>The instance's id within <see cref="Template"/>, when the action concerned one instance.</summary>
    public int? InstanceId { get; init; }

    public AuditOutcome Outcome { get; init; } = Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed;

    /// <summary>The gateway replica that recorded it.</summary>
    public string? Replica { get; init; }

    /// <summary>How many occurrences this entry stands for (forward-auth denials are counted per user, host and minute).</summary>
    public int Count { get; init; } = 1;

    /// <summary>The Kubernetes Event message: one line a <c>kubectl describe</c> reader understands.</summary>
    public string Message => $"{Actor} {Action} {Target}: {(Succeeded ? "succeeded" : "failed")}{(string.IsNullOrEmpty(Detail) ? "" : " (" + Detail + ")")}";
}
