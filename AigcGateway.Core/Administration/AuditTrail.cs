using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Records lifecycle and administrative actions four ways: a structured log line, a Kubernetes Event on the template's
/// GameServerSet (visible with <c>kubectl describe gss</c>), the recent entries the admin pages show, and the durable
/// audit log (<see cref="IAuditLog"/>, written in the background) when there is one.
/// </summary>
internal sealed partial class AuditTrail(ITemplateAdminStore store, SnapshotHub hub, AdministrationOptions options, TimeProvider time, ILogger<AuditTrail> logger, IAuditLog? auditLog = null)
{
    private readonly Lock _lock = new();
    private ImmutableList<(AuditEntry Entry, TemplateRef Template)> _recent = [];

    /// <summary>Newest first, optionally for one template.</summary>
    public ImmutableArray<AuditEntry> Recent(TemplateRef? template = null)
    {
        lock (_lock)
        {
            return [.. _recent.Where(r => template is null || r.Template == template).Select(r => r.Entry).Reverse()];
        }
    }

    /// <summary>
    /// Adds the audit events stored in the cluster (recorded by other replicas or before a restart) for the namespaces of
    /// the catalog; failures leave the in-memory entries as they are.
    /// </summary>
    public async Task LoadAsync(IEnumerable<string> namespaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var loaded = new List<(AuditEntry Entry, TemplateRef Template)>();
        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal))
        {
            try
            {
                loaded.AddRange(await store.ListAuditAsync(ns, cancellationToken).ConfigureAwait(false));
            }
            catch (ClusterException e)
            {
                LogLoadFailed(e, ns);
            }
        }

        lock (_lock)
        {
            var known = _recent.Select(r => Key(r.Entry)).ToHashSet();
            _recent = [.. _recent.Concat(loaded.Where(l => known.Add(Key(l.Entry))))
                .OrderBy(r => r.Entry.Time)
                .TakeLast(options.AuditCapacity)];
        }
    }

    public async Task RecordAsync(string actor, string action, TemplateRef template, string target, bool succeeded, string? detail, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(time.GetUtcNow(), actor, action, target, succeeded, detail);
        lock (_lock)
        {
            _recent = _recent.Add((entry, template));
            if (_recent.Count > options.AuditCapacity)
            {
                _recent = _recent.RemoveAt(0);
            }
        }

        LogAudit(actor, action, target, succeeded, detail);
        auditLog?.Record(entry with { Template = template, InstanceId = InstanceIdIn(template, target) });
        hub.Touch();
        try
        {
            await store.RecordEventAsync(template, entry, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException e)
        {
            LogEventFailed(e, template);
        }
    }

    /// <summary>The instance's id when <paramref name="target"/> names one of <paramref name="template"/> (<c>ns/name#3 ...</c>).</summary>
    private static int? InstanceIdIn(TemplateRef template, string target)
    {
        var prefix = template + "#";
        if (!target.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = target.AsSpan(prefix.Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(end < 0 ? digits : digits[..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The same action read back from an Event (whose times have whole seconds).</summary>
    private static (string, string, string, long) Key(AuditEntry entry) =>
        (entry.Actor, entry.Action, entry.Target, entry.Time.ToUnixTimeSeconds());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the audit events of namespace {Namespace}")]
    private partial void LogLoadFailed(Exception exception, string @namespace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Actor} {Action} {Target} (succeeded: {Succeeded}; {Detail})")]
    private partial void LogAudit(string actor, string action, string target, bool succeeded, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the audit event on {Template}")]
    private partial void LogEventFailed(Exception exception, TemplateRef template);
}
