using System.Globalization;
using AigcGateway.Core.Storage.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace AigcGateway.Web.Audit;

/// <summary>An <see cref="AuditFilter"/> as a query string (the export link carries the page's filter) and back.</summary>
public static class AuditFilterQuery
{
    public static string ToQuery(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var values = new Dictionary<string, string?>
        {
            ["user"] = filter.UserId,
            ["template"] = filter.Template,
            ["instance"] = filter.InstanceId?.ToString(CultureInfo.InvariantCulture),
            ["action"] = filter.Action,
            ["outcome"] = filter.Outcome?.ToString(),
            ["from"] = filter.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["q"] = filter.Text,
        };
        return QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrWhiteSpace(v.Value)));
    }

    public static AuditFilter FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new AuditFilter
        {
            UserId = Text(query, "user"),
            Template = Text(query, "template"),
            InstanceId = int.TryParse(Text(query, "instance"), NumberStyles.None, CultureInfo.InvariantCulture, out var instance) ? instance : null,
            Action = Text(query, "action"),
            Outcome = Enum.TryParse<AuditOutcome>(Text(query, "outcome"), ignoreCase: true, out var outcome) && Enum.IsDefined(outcome) ? outcome : null,
            From = Time(query, "from"),
            To = Time(query, "to"),
            Text = Text(query, "q"),
        };
    }

    private static string? Text(IQueryCollection query, string key) => query[key].ToString() is { Length: > 0 } value ? value : null;

    private static DateTimeOffset? Time(IQueryCollection query, string key) =>
        DateTimeOffset.TryParse(Text(query, key), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
