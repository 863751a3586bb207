using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AigcGateway.Core.Administration;
using Microsoft.EntityFrameworkCore;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>
/// Reads the audit log newest first by keyset paging on (time, id): every page is one indexed range read, however
/// deep it is (no OFFSET). Each filter column has an index ending in (time, id).
/// </summary>
internal sealed class AuditQuery(GatewayDatabase database) : IAuditQuery
{
    public const int MaxPageSize = 500;
    private const int ExportChunk = 1_000;

    public async Task<AuditPage> PageAsync(AuditFilter filter, AuditCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        try
        {
            await using var context = database.CreateContext();
            var rows = await Page(Filtered(context.AuditEntries.AsNoTracking(), filter), after)
                .Take(pageSize + 1)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var entries = rows.Take(pageSize).Select(AuditRowMapping.ToEntry).ToImmutableArray();
            var next = rows.Count > pageSize ? new AuditCursor(entries[^1].Time, entries[^1].Id) : null;
            return new AuditPage(entries, next);
        }
        catch (Exception e) when (e is not OperationCanceledException && StoreErrors.IsUnavailable(e))
        {
            throw new StoreUnavailableException(StoreErrors.Describe(e), e);
        }
    }

    public async IAsyncEnumerable<AuditEntry> AllAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AuditCursor? after = null;
        do
        {
            var page = await PageAsync(filter, after, ExportChunk, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                yield return entry;
            }

            after = page.Next;
        }
        while (after is not null);
    }

    internal static IQueryable<AuditRow> Filtered(IQueryable<AuditRow> rows, AuditFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.UserId))
        {
            var user = filter.UserId.Trim();
            rows = rows.Where(e => e.ActorId == user);
        }

        if (!string.IsNullOrWhiteSpace(filter.Template))
        {
            var template = filter.Template.Trim();
            rows = rows.Where(e => e.Template == template);
        }

        if (filter.InstanceId is { } instanceId)
        {
            rows = rows.Where(e => e.InstanceId == instanceId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            rows = rows.Where(e => e.Action == action);
        }

        if (filter.Outcome is { } outcome)
        {
            rows = rows.Where(e => e.Outcome == outcome);
        }

        if (filter.From is { } from)
        {
            var fromUtc = from.UtcDateTime;
            rows = rows.Where(e => e.Time >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = to.UtcDateTime;
            rows = rows.Where(e => e.Time < toUtc);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = "%" + EscapeLike(filter.Text.Trim().ToLowerInvariant()) + "%";
            rows = rows.Where(e => EF.Functions.Like(e.Search, pattern, "\\"));
        }

        return rows;
    }

    private static IQueryable<AuditRow> Page(IQueryable<AuditRow> rows, AuditCursor? after)
    {
        if (after is not null)
        {
            var time = after.Time.UtcDateTime;
            var id = after.Id;
            rows = rows.Where(e => e.Time < time || (e.Time == time && e.Id < id));
        }

        return rows.OrderByDescending(e => e.Time).ThenByDescending(e => e.Id);
    }

    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
