using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The administration pages' port: every template and every user's instance, actions on any of them, template
/// create / edit / delete with cleanup, each action audited. Callers must have checked that the actor is an administrator.
/// </summary>
public interface IAdministration
{
    /// <summary>What new templates must satisfy (namespaces, cookie domain, public URL, catalog labels).</summary>
    TemplateRules Rules { get; }

    ImmutableArray<AdminInstance> ListInstances();

    ImmutableArray<AdminTemplate> ListTemplates();

    /// <summary>Wakes (coalesced) whenever the cluster snapshot changes; ends when cancelled.</summary>
    IAsyncEnumerable<long> ChangesAsync(CancellationToken cancellationToken);

    /// <summary>Display names of Logto users (name, else username, else email; the id when Logto does not know it), cached.</summary>
    Task<ImmutableDictionary<string, string>> UserNamesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken);

    /// <summary>Why the latest <see cref="UserNamesAsync"/> showed ids instead of names (Logto down, the M2M app lacking its role); null when it did not.</summary>
    string? UserNamesProblem { get; }

    Task<OperationResult> PauseAsync(string actor, InstanceRef instance, CancellationToken cancellationToken);

    Task<OperationResult> RecoverAsync(string actor, InstanceRef instance, CancellationToken cancellationToken);

    Task<OperationResult> RestartAsync(string actor, InstanceRef instance, CancellationToken cancellationToken);

    Task<OperationResult> UninstallAsync(string actor, InstanceRef instance, CancellationToken cancellationToken);

    /// <summary>Rule errors and conformance findings of a manifest (no API call).</summary>
    ManifestReview Review(JsonObject manifest);

    Task<TemplateWriteResult> CreateTemplateAsync(string actor, JsonObject manifest, CancellationToken cancellationToken);

    /// <summary>The template's manifest for editing, with the version a save must still match; null when it is gone.</summary>
    Task<TemplateEditBasis?> ReadTemplateAsync(TemplateRef template, CancellationToken cancellationToken);

    EditImpact ImpactOfEdit(TemplateEditBasis basis, JsonObject edited);

    /// <summary>Saves an edit only if nobody changed the template since <paramref name="basis"/> was read (else <see cref="TemplateWriteError.Conflict"/>).</summary>
    Task<TemplateWriteResult> UpdateTemplateAsync(string actor, TemplateEditBasis basis, JsonObject edited, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the catalog entry (display name, description, icon) alone, on the template's current version: the
    /// lifecycle's writes meanwhile do not stand in the way, an entry someone else changed since <paramref name="basis"/>
    /// was read does (<see cref="TemplateWriteError.Conflict"/>; nothing is overwritten).
    /// </summary>
    Task<TemplateWriteResult> UpdateCatalogDisplayAsync(string actor, TemplateEditBasis basis, CatalogDisplay display, CancellationToken cancellationToken);

    TemplateImpact ImpactOf(TemplateRef template);

    /// <summary>
    /// Stops the template's instances, deletes the chosen volumes, removes the template's key from every Logto user's
    /// customData, then deletes the GameServerSet. Running it again after an interruption resumes it.
    /// </summary>
    Task<TemplateWriteResult> DeleteTemplateAsync(
        string actor, TemplateRef template, TemplateDeletionMode mode, IProgress<TemplateDeletionProgress>? progress, CancellationToken cancellationToken);
}
