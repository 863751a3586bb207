namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// How a create, update or patch is to be handled, from its query: <c>fieldValidation</c> (<c>Warn</c> by default as on a
/// real server: unknown fields are pruned and reported in <c>Warning: 299</c> headers; <c>Strict</c>: 400 naming them;
/// <c>Ignore</c>: pruned silently) and <c>dryRun=All</c> (validated, nothing stored).
/// </summary>
internal sealed class WriteRequest
{
    private readonly List<string> _warnings = [];

    private WriteRequest(string validation, bool dryRun)
    {
        Validation = validation;
        DryRun = dryRun;
    }

    public string Validation { get; }

    public bool DryRun { get; }

    public static WriteRequest From(HttpContext context)
    {
        var query = context.Request.Query;
        var validation = query["fieldValidation"].ToString() is { Length: > 0 } v ? v : "Warn";
        if (validation is not ("Ignore" or "Warn" or "Strict"))
        {
            throw StatusException.BadRequest($"fieldValidation parameter unsupported: \"{validation}\", valid values are: Ignore, Warn, Strict");
        }

        var dryRun = query["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw StatusException.BadRequest($"Unsupported value: \"{dryRun}\": supported values: \"All\"");
        }

        return new WriteRequest(validation, dryRun == "All");
    }

    /// <summary>Handles the unknown fields the schema pruned from an object of <paramref name="type"/>.</summary>
    public void Unknown(ResourceType type, IReadOnlyList<string> fields)
    {
        if (fields.Count == 0 || Validation == "Ignore")
        {
            return;
        }

        var described = fields.Order(StringComparer.Ordinal).Select(f => $"unknown field \"{f}\"").ToList();
        if (Validation == "Strict")
        {
            throw StatusException.BadRequest(
                $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", described)}");
        }

        _warnings.AddRange(described);
    }

    /// <summary>Adds the collected warnings to the response (call before its body is written).</summary>
    public void WriteWarnings(HttpResponse response)
    {
        foreach (var warning in _warnings)
        {
            // RFC 7234 warning: code, agent "-", and the text as a quoted string
            response.Headers.Append("Warning", $"299 - \"{warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }
}
