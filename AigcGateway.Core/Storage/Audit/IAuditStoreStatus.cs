namespace AigcGateway.Core.Storage.Audit;

/// <summary>Whether the audit log reaches its database, and what waits in memory meanwhile.</summary>
public interface IAuditStoreStatus
{
    AuditStoreState State { get; }

    /// <summary>Raised (on a background thread) when <see cref="State"/> changes and after entries were written.</summary>
    event Action? Changed;
}
