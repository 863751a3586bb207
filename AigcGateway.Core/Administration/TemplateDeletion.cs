using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The deletion of a template, step by step: the deletion mark (through the <see cref="TemplateWriter"/>) that stops
/// every instance, the chosen volumes, the template's key in every user's customData, and the GameServerSet itself last
/// (while it exists the deletion can be resumed). One deletion per template at a time.
/// </summary>
internal sealed partial class TemplateDeletion
{
    private readonly ConcurrentDictionary<TemplateRef, bool> _deleting = new();
    private readonly SnapshotHub _hub;
    private readonly ITemplateAdminStore _store;
    private readonly ITemplateStore _volumes;
    private readonly ILogtoUsers? _logto;
    private readonly TemplateWriter _writer;
    private readonly AdministrationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TemplateDeletion(
        SnapshotHub hub, ITemplateAdminStore store, ITemplateStore volumes, ILogtoUsers? logto, TemplateWriter writer, AdministrationOptions options, TimeProvider time, ILogger logger)
    {
        _hub = hub;
        _store = store;
        _volumes = volumes;
        _logto = logto;
        _writer = writer;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether a deletion of <paramref name="template"/> runs in this replica now.</summary>
    public bool IsRunning(TemplateRef template) => _deleting.ContainsKey(template);

    public TemplateImpact ImpactOf(TemplateRef template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var snapshot = _hub.Current;
        if (!snapshot.Templates.TryGetValue(template, out var state))
        {
            return new TemplateImpact(template, ImmutableSortedDictionary<int, string>.Empty, []);
        }

        var prefixes = state.Template.DataVolumeNames.Select(v => $"{template.Namespace}/{v}-{template.Name}-").ToArray();
        var volumes = snapshot.Volumes
            .Where(v => prefixes.Any(p => v.StartsWith(p, StringComparison.Ordinal) && v.Length > p.Length && v[p.Length..].All(char.IsAsciiDigit)))
            .Select(v => v[(template.Namespace.Length + 1)..])
            .Order(StringComparer.Ordinal);
        return new TemplateImpact(template, state.Owners, [.. volumes]);
    }

    public async Task<TemplateWriteResult> DeleteAsync(
        TemplateRef template, TemplateDeletionMode mode, TemplateImpact impact, IProgress<TemplateDeletionProgress>? progress, CancellationToken cancellationToken)
    {
        if (!_deleting.TryAdd(template, true))
        {
            return TemplateWriteResult.Fail(TemplateWriteError.Conflict, "A deletion of this template is already running.");
        }

        try
        {
            return await DeleteStepsAsync(template, mode, impact, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException e)
        {
            return TemplateWriteResult.Fail(e.StatusCode == 404 ? TemplateWriteError.NotFound : TemplateWriteError.ClusterError, e.Message);
        }
        finally
        {
            _deleting.TryRemove(template, out _);
        }
    }

    private async Task<TemplateWriteResult> DeleteStepsAsync(
        TemplateRef template, TemplateDeletionMode mode, TemplateImpact impact, IProgress<TemplateDeletionProgress>? progress, CancellationToken cancellationToken)
    {
        // 1. mark the deletion (so an interruption can be resumed with the same choice) and stop every instance
        progress?.Report(new(TemplateDeletionStage.Marking, 0));
        var stopping = false;
        var marked = await _writer.UpdateAsync(template, basis =>
        {
            var change = TemplateDeletionMark.Plan(basis, mode, OkgSettlement.Present(_hub.Current, template));
            stopping = change.Write is not null;
            return new TemplatePlan(change, OperationResult.Ok(new InstanceRef(template, 0)));
        }, cancellationToken).ConfigureAwait(false);
        if (!marked.Succeeded)
        {
            return marked.Error == OperationError.TemplateNotFound
                ? TemplateWriteResult.Fail(TemplateWriteError.NotFound)
                : TemplateWriteResult.Fail(TemplateWriteError.ClusterError, marked.Detail ?? marked.Error.ToString());
        }

        progress?.Report(new(TemplateDeletionStage.StoppingInstances, 0.1));
        await (!stopping ? Task.CompletedTask : _hub.WaitForAsync(
            s => s.GameServers.GetValueOrDefault(template) is not { Count: > 0 } && !s.Pods.Keys.Any(k => k.Template == template),
            _options.StopWait,
            _time,
            cancellationToken)).ConfigureAwait(false);

        // 2. the chosen volumes
        if (mode == TemplateDeletionMode.DeleteVolumes)
        {
            var done = 0;
            foreach (var volume in impact.Volumes)
            {
                progress?.Report(new(TemplateDeletionStage.DeletingVolumes, 0.3 + (0.2 * done / Math.Max(1, impact.Volumes.Length)), volume));
                await _volumes.DeleteVolumeAsync(template.Namespace, volume, cancellationToken).ConfigureAwait(false);
                done++;
            }
        }

        // 3. the template's key in every user's customData (all pages: the mirror may hold users the record lost)
        progress?.Report(new(TemplateDeletionStage.CleaningUserData, 0.5));
        if (await CleanUserDataAsync(template, progress, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        // 4. the template itself, last: while it exists the deletion can be resumed
        progress?.Report(new(TemplateDeletionStage.DeletingTemplate, 0.9));
        await _store.DeleteAsync(template, cancellationToken).ConfigureAwait(false);
        await _hub.WaitForAsync(s => !s.Templates.ContainsKey(template), _options.CatalogWait, _time, cancellationToken).ConfigureAwait(false);
        progress?.Report(new(TemplateDeletionStage.Done, 1));
        return TemplateWriteResult.Ok;
    }

    private async Task<TemplateWriteResult?> CleanUserDataAsync(TemplateRef template, IProgress<TemplateDeletionProgress>? progress, CancellationToken cancellationToken)
    {
        if (_logto is null)
        {
            return null;
        }

        var key = CustomDataEntryCodec.KeyFor(template);
        var seen = 0;
        for (var page = 1; ; page++)
        {
            var users = await _logto.ListUsersAsync(page, _options.UserPageSize, cancellationToken).ConfigureAwait(false);
            if (!users.IsOk || users.Value is null)
            {
                return TemplateWriteResult.Fail(TemplateWriteError.UserDataError, users.Error);
            }

            foreach (var user in users.Value.Users)
            {
                seen++;
                if (!user.CustomData.ContainsKey(key))
                {
                    continue;
                }

                var cleaned = (JsonObject)user.CustomData.DeepClone();
                cleaned.Remove(key);
                var written = await _logto.ReplaceCustomDataAsync(user.Id, cleaned, cancellationToken).ConfigureAwait(false);
                if (!written.IsOk)
                {
                    return TemplateWriteResult.Fail(TemplateWriteError.UserDataError, written.Error);
                }

                LogUserDataCleaned(user.Id, template);
            }

            var total = Math.Max(users.Value.Total, seen);
            progress?.Report(new(TemplateDeletionStage.CleaningUserData, 0.5 + (0.4 * seen / Math.Max(1, total))));
            if (users.Value.Users.Length < _options.UserPageSize || seen >= users.Value.Total)
            {
                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Template} from the customData of user {UserId}")]
    private partial void LogUserDataCleaned(string userId, TemplateRef template);
}
