using AigcGateway.Core.Administration;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>Between the domain's <see cref="AuditEntry"/> and the stored <see cref="AuditRow"/> (texts cut to their columns).</summary>
internal static class AuditRowMapping
{
    public static AuditRow ToRow(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new AuditRow
        {
            Time = entry.Time.UtcDateTime,
            ActorId = Cut(entry.ActorId, AuditRow.ActorIdLength),
            Actor = Cut(entry.Actor, AuditRow.ActorLength) ?? "",
            Action = Cut(entry.Action, AuditRow.ActionLength) ?? "",
            Template = Cut(entry.Template?.ToString(), AuditRow.TemplateLength),
            InstanceId = entry.InstanceId,
            Target = Cut(entry.Target, AuditRow.TargetLength) ?? "",
            Outcome = entry.Outcome,
            Detail = Cut(entry.Detail, AuditRow.DetailLength),
            Replica = Cut(entry.Replica, AuditRow.ReplicaLength) ?? "",
            Count = Math.Max(1, entry.Count),
        };
        row.Search = string.Join('\n', new[] { row.Actor, row.ActorId, row.Action, row.Template, row.Target, row.Detail, row.Replica }
            .Where(t => !string.IsNullOrEmpty(t))).ToLowerInvariant();
        return row;
    }

    public static AuditEntry ToEntry(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new AuditEntry(
            new DateTimeOffset(DateTime.SpecifyKind(row.Time, DateTimeKind.Utc)),
            row.Actor,
            row.Action,
            row.Target,
            row.Outcome == AuditOutcome.Succeeded,
            row.Detail)
        {
            Id = row.Id,
            ActorId = row.ActorId,
            Template = ParseTemplate(row.Template),
            InstanceId = row.InstanceId,
            Outcome = row.Outcome,
            Replica = row.Replica,
            Count = row.Count,
        };
    }

    public static TemplateRef? ParseTemplate(string? text) =>
        text?.IndexOf('/', StringComparison.Ordinal) is int slash and > 0 && slash < text.Length - 1 ? new TemplateRef(text[..slash], text[(slash + 1)..]) : null;

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
