using Npgsql;
using NpgsqlTypes;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>
/// Writes a batch of audit rows to PostgreSQL with binary COPY: one round trip and no per-row SQL, so the writer takes
/// little CPU from the requests it runs beside (EF Core's batched INSERT costs several times more on a busy replica).
/// </summary>
internal static class AuditRowCopy
{
    private const string Copy =
        "COPY audit_entries (time, actor_id, actor, action, template, instance_id, target, outcome, detail, replica, count, search) FROM STDIN (FORMAT BINARY)";

    public static async Task WriteAsync(string connectionString, IReadOnlyList<AuditRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Time, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(importer, row.ActorId, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(importer, row.Actor, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(importer, row.Action, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(importer, row.Template, cancellationToken).ConfigureAwait(false);
            if (row.InstanceId is { } instance)
            {
                await importer.WriteAsync(instance, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }

            await WriteTextAsync(importer, row.Target, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(importer, row.Outcome.ToString(), cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(importer, row.Detail, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(importer, row.Replica, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Count, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(importer, row.Search, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? text, CancellationToken cancellationToken) => text is null
        ? importer.WriteNullAsync(cancellationToken)
        : importer.WriteAsync(text, NpgsqlDbType.Varchar, cancellationToken);
}
