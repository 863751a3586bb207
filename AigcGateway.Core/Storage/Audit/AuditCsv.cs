using System.Globalization;
using System.Text;
using AigcGateway.Core.Administration;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled; a cell that a
/// spreadsheet would read as a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe.
/// </summary>
public static class AuditCsv
{
    public const string Header = "time,actor,actor_id,action,template,instance,target,outcome,count,detail,replica";

    public static string Line(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = new StringBuilder();
        string?[] cells =
        [
            entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            entry.Actor,
            entry.ActorId,
            entry.Action,
            entry.Template?.ToString(),
            entry.InstanceId?.ToString(CultureInfo.InvariantCulture),
            entry.Target,
            entry.Outcome.ToString(),
            entry.Count.ToString(CultureInfo.InvariantCulture),
            entry.Detail,
            entry.Replica,
        ];
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Cell(cells[i]));
        }

        return line.ToString();
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
