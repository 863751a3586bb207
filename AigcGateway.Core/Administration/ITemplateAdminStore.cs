using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The administration's writes of whole GameServerSets and audit events (over the Kubernetes API; faked in unit tests).
/// Throws <see cref="Instances.ClusterConflictException"/> on 409, <see cref="Instances.ClusterException"/> otherwise.
/// </summary>
internal interface ITemplateAdminStore
{
    /// <summary>The manifest as stored (status and server bookkeeping removed) and its resourceVersion; null when absent.</summary>
    Task<TemplateEditBasis?> ReadAsync(TemplateRef template, CancellationToken cancellationToken);

    Task CreateAsync(JsonObject manifest, CancellationToken cancellationToken);

    /// <summary>PUT carrying <paramref name="resourceVersion"/>; 409 when the object changed since.</summary>
    Task ReplaceAsync(JsonObject manifest, string resourceVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the GameServerSet (OKG deletes its GameServers); a missing one is not an error.</summary>
    Task DeleteAsync(TemplateRef template, CancellationToken cancellationToken);

    /// <summary>Records a Kubernetes Event whose involvedObject is the GameServerSet.</summary>
    Task RecordEventAsync(TemplateRef template, AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The conformance findings of a manifest, read the way the catalog reads a GameServerSet.</summary>
    ImmutableArray<ConformanceProblem> Conformance(JsonObject manifest);
}
