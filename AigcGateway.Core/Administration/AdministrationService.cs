using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AigcGateway.Core.Administration;

/// <summary>
/// <see cref="IAdministration"/> over the cluster snapshot, the lifecycle (<see cref="InstanceService"/>), whole-object
/// GameServerSet writes and Logto. Every action is audited: a structured log line, a Kubernetes Event on the template's
/// GameServerSet and an in-memory entry for the pages.
/// </summary>
internal sealed class AdministrationService : IAdministration
{
    private readonly InstanceService _instances;
    private readonly SnapshotHub _hub;
    private readonly ITemplateAdminStore _store;
    private readonly IOptions<TemplateRules> _rules;
    private readonly AdministrationOptions _options;
    private readonly TimeProvider _time;
    private readonly TemplateDeletion _deletion;
    private readonly LogtoUserNames _names;
    private readonly AuditTrail _audit;
    private readonly TemplateWriter _writer;

    public AdministrationService(
        InstanceService instances,
        SnapshotHub hub,
        ITemplateAdminStore store,
        ITemplateStore volumes,
        ILogtoUsers? logto,
        IOptions<TemplateRules> rules,
        AdministrationOptions options,
        AuditTrail audit,
        TemplateWriter writer,
        TimeProvider time,
        ILogger<AdministrationService> logger)
    {
        _writer = writer;
        _audit = audit;
        _instances = instances;
        _hub = hub;
        _store = store;
        _names = new LogtoUserNames(logto);
        _rules = rules;
        _options = options;
        _time = time;
        _deletion = new TemplateDeletion(hub, store, volumes, logto, writer, options, time, logger);
    }

    public TemplateRules Rules => _rules.Value;

    public ImmutableArray<AdminInstance> ListInstances()
    {
        var snapshot = _hub.Current;
        return [.. _instances.AllInstances().Select(i => ToAdmin(snapshot, i))];
    }

    public ImmutableArray<AdminTemplate> ListTemplates()
    {
        var snapshot = _hub.Current;
        var byTemplate = _instances.AllInstances().GroupBy(i => i.Ref.Template).ToDictionary(g => g.Key, g => g.ToList());
        var rules = _rules.Value;
        return [.. snapshot.Templates.Values
            .OrderBy(t => t.Template.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(t => t.Ref.ToString(), StringComparer.Ordinal)
            .Select(state =>
            {
                var instances = byTemplate.GetValueOrDefault(state.Ref) ?? [];
                var gameServers = snapshot.GameServers.GetValueOrDefault(state.Ref);

                return new AdminTemplate
                {
                    Template = CatalogEntryRules.OnDashboard(state.Template, rules),
                    Replicas = state.Replicas,
                    Ready = gameServers?.Values.Count(g => g.IsRunning) ?? 0,
                    OwnerCount = state.Owners.Values.Distinct(StringComparer.Ordinal).Count(),
                    InstancesByState = instances.GroupBy(i => i.State).ToImmutableDictionary(g => g.Key, g => g.Count()),
                    InterruptedDeletion = _deletion.IsRunning(state.Ref) ? null : state.Deletion,
                };
            })];
    }

    public async IAsyncEnumerable<long> ChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (snapshot, signals, unsubscribe) = _hub.Subscribe();
        try
        {
            yield return snapshot.Version;
            while (true)
            {
                try
                {
                    if (!await signals.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                signals.TryRead(out _);
                yield return _hub.Current.Version;
            }
        }
        finally
        {
            unsubscribe();
        }
    }

    public Task<ImmutableDictionary<string, string>> UserNamesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken) =>
        _names.LookupAsync(userIds, cancellationToken);

    public string? UserNamesProblem => _names.Problem;

    public Task<OperationResult> PauseAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) =>
        InstanceActionAsync(actor, "paused", instance, _instances.AdminPauseAsync, cancellationToken);

    public Task<OperationResult> RecoverAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) =>
        InstanceActionAsync(actor, "recovered", instance, _instances.AdminRecoverAsync, cancellationToken);

    public Task<OperationResult> RestartAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) =>
        InstanceActionAsync(actor, "restarted", instance, _instances.AdminRestartAsync, cancellationToken);

    public Task<OperationResult> UninstallAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) =>
        InstanceActionAsync(actor, "uninstalled", instance, _instances.AdminUninstallAsync, cancellationToken);

    public ManifestReview Review(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ManifestReviewer.Review(manifest, _rules.Value, _store.Conformance);
    }

    public async Task<TemplateWriteResult> CreateTemplateAsync(string actor, JsonObject manifest, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var review = Review(manifest);
        if (!review.CanApply)
        {
            return TemplateWriteResult.Fail(TemplateWriteError.Invalid) with { Problems = review.Blocking };
        }

        var template = ManifestReviewer.RefOf(manifest);
        TemplateWriteResult result;
        try
        {
            await _store.CreateAsync(manifest, cancellationToken).ConfigureAwait(false);
            result = TemplateWriteResult.Ok;
        }
        catch (ClusterConflictException e)
        {
            result = TemplateWriteResult.Fail(TemplateWriteError.AlreadyExists, e.Message);
        }
        catch (ClusterException e)
        {
            result = TemplateWriteResult.Fail(e, TemplateWriteError.ClusterError);
        }

        await AuditAsync(actor, "created template", template, template.ToString(), result.Succeeded, result.Detail, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await _hub.WaitForAsync(s => s.Templates.ContainsKey(template), _options.CatalogWait, _time, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public Task<TemplateEditBasis?> ReadTemplateAsync(TemplateRef template, CancellationToken cancellationToken) =>
        _store.ReadAsync(template, cancellationToken);

    public EditImpact ImpactOfEdit(TemplateEditBasis basis, JsonObject edited)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(edited);
        var running = _hub.Current.GameServers.GetValueOrDefault(basis.Template)?.Values.Count(g => !g.Deleting) ?? 0;
        return EditImpact.Of(basis.Manifest, edited, running);
    }

    public async Task<TemplateWriteResult> UpdateTemplateAsync(string actor, TemplateEditBasis basis, JsonObject edited, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(basis);
        var review = Review(edited);
        if (ManifestReviewer.RefOf(edited) != basis.Template)
        {
            review = review with { Errors = review.Errors.Add(AdministrationText.Get("Manifest_Identity", basis.Template)) };
        }

        if (!review.CanApply)
        {
            return TemplateWriteResult.Fail(TemplateWriteError.Invalid) with { Problems = review.Blocking };
        }

        var impact = ImpactOfEdit(basis, edited);
        TemplateWriteResult result;
        try
        {
            await _store.ReplaceAsync(edited, basis.ResourceVersion, cancellationToken).ConfigureAwait(false);
            result = TemplateWriteResult.Ok;
        }
        catch (ClusterConflictException e)
        {
            result = TemplateWriteResult.Fail(TemplateWriteError.Conflict, e.Message);
        }
        catch (ClusterException e)
        {
            result = TemplateWriteResult.Fail(e, e.StatusCode == 404 ? TemplateWriteError.NotFound : TemplateWriteError.ClusterError);
        }

        var detail = result.Detail ?? (impact.PodTemplateChanged
            ? string.Create(CultureInfo.InvariantCulture, $"pod template changed, {impact.RestartingInstances} instances restart")
            : "display metadata only");
        await AuditAsync(actor, "edited template", basis.Template, basis.Template.ToString(), result.Succeeded, detail, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<TemplateWriteResult> UpdateCatalogDisplayAsync(string actor, TemplateEditBasis basis, CatalogDisplay display, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(display);
        if (CatalogEntryRules.Errors(display.DisplayName, display.Description, display.Icon, _rules.Value) is { IsEmpty: false } errors)
        {
            return TemplateWriteResult.Fail(TemplateWriteError.Invalid) with { Problems = errors };
        }

        var loaded = CatalogDisplay.Of(basis.Manifest);
        var changedByOthers = false;
        var written = await _writer.UpdateAsync(basis.Template, current =>
        {
            // the lifecycle writes the template on every install and pause but never its catalog entry: only a change
            // of the entry since it was loaded stands in the way
            changedByOthers = current.CatalogDisplay != loaded;
            return new TemplatePlan(changedByOthers ? null : display.Trimmed().ToChange(), OperationResult.Ok(new InstanceRef(basis.Template, 0)));
        }, cancellationToken).ConfigureAwait(false);
        var result = written switch
        {
            { Succeeded: true } when changedByOthers => TemplateWriteResult.Fail(TemplateWriteError.Conflict, "the catalog entry was changed meanwhile"),
            { Succeeded: true } => TemplateWriteResult.Ok,
            { Error: OperationError.TemplateNotFound } => TemplateWriteResult.Fail(TemplateWriteError.NotFound),
            _ => TemplateWriteResult.Fail(TemplateWriteError.ClusterError, written.Detail ?? written.Error.ToString()),
        };
        await AuditAsync(actor, "edited template", basis.Template, basis.Template.ToString(), result.Succeeded, result.Detail ?? "display metadata only", cancellationToken).ConfigureAwait(false);
        return result;
    }

    public TemplateImpact ImpactOf(TemplateRef template) => _deletion.ImpactOf(template);

    public async Task<TemplateWriteResult> DeleteTemplateAsync(
        string actor, TemplateRef template, TemplateDeletionMode mode, IProgress<TemplateDeletionProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(template);
        _hub.Touch();
        var impact = ImpactOf(template);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{impact.Instances.Length} instances of {impact.Users.Length} users, volumes {(mode == TemplateDeletionMode.DeleteVolumes ? "deleted" : "kept")}");
        var result = await _deletion.DeleteAsync(template, mode, impact, progress, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "deleted template", template, template.ToString(), result.Succeeded, result.Detail ?? detail, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<OperationResult> InstanceActionAsync(
        string actor, string action, InstanceRef instance, Func<InstanceRef, CancellationToken, Task<OperationResult>> operation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(instance);
        var owner = _hub.Current.OwnerOf(instance) ?? "nobody";
        var result = await operation(instance, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, action, instance.Template, $"{instance} of user {owner}", result.Succeeded, result.Error?.ToString(), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private Task AuditAsync(string actor, string action, TemplateRef template, string target, bool succeeded, string? detail, CancellationToken cancellationToken) =>
        _audit.RecordAsync(actor, action, template, target, succeeded, detail, cancellationToken);

    private static AdminInstance ToAdmin(ClusterSnapshot snapshot, Instance instance)
    {
        var state = snapshot.Templates.GetValueOrDefault(instance.Ref.Template);
        var ns = instance.Ref.Template.Namespace;
        var events = snapshot.Events.GetValueOrDefault(instance.Ref, []);
        return new AdminInstance
        {
            Instance = instance,
            TemplateDisplayName = state?.Template.DisplayName ?? instance.Ref.Template.Name,
            Volumes = state is null ? [] : [.. state.DataVolumesOf(instance.Ref.Id).Where(v => snapshot.Volumes.Contains($"{ns}/{v}"))],
            Events = events.IsDefaultOrEmpty ? instance.Diagnostic?.RawEvents ?? [] : events,
        };
    }
}
