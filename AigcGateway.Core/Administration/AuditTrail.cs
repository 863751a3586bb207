using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Records lifecycle and administrative actions three ways: a structured log line, a Kubernetes Event on the template's
/// GameServerSet (visible with <c>kubectl describe gss</c>), and the recent entries the admin pages show.
/// </summary>
internal sealed partial class AuditTrail(ITemplateAdminStore store, SnapshotHub hub, AdministrationOptions options, TimeProvider time, ILogger<AuditTrail> logger)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Actor} {Action} {Target} (succeeded: {Succeeded}; {Detail})")]
    private partial void LogAudit(string actor, string action, string target, bool succeeded, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the audit event on {Template}")]
    private partial void LogEventFailed(Exception exception, TemplateRef template);
}
