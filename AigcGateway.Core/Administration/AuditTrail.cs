using AigcGateway.Core.Instances;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Records lifecycle and administrative actions three ways: a structured log line, a Kubernetes Event on the template's
/// GameServerSet (visible with <c>kubectl describe gss</c>), and the durable audit log (<see cref="IAuditLog"/>, written in
/// the background) that the administrators' Audit log page reads.
/// </summary>
internal sealed partial class AuditTrail(ITemplateAdminStore store, TimeProvider time, ILogger<AuditTrail> logger, IAuditLog? auditLog = null)
{
    public async Task RecordAsync(string actor, string action, TemplateRef template, string target, bool succeeded, string? detail, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(time.GetUtcNow(), actor, action, target, succeeded, detail);
        LogAudit(actor, action, target, succeeded, detail);
        auditLog?.Record(entry with { Template = template, InstanceId = InstanceIdIn(template, target) });
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Actor} {Action} {Target} (succeeded: {Succeeded}; {Detail})")]
    private partial void LogAudit(string actor, string action, string target, bool succeeded, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the audit event on {Template}")]
    private partial void LogEventFailed(Exception exception, TemplateRef template);
}
