namespace AigcGateway.Core.Administration;

/// <summary>One recorded lifecycle or administrative action: who did what to which object, when, and how it ended.</summary>
public sealed record AuditEntry(DateTimeOffset Time, string Actor, string Action, string Target, bool Succeeded, string? Detail = null)
{
    /// <summary>The Kubernetes Event message: one line a <c>kubectl describe</c> reader understands.</summary>
    public string Message => $"{Actor} {Action} {Target}: {(Succeeded ? "succeeded" : "failed")}{(string.IsNullOrEmpty(Detail) ? "" : " (" + Detail + ")")}";
}
