using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>An API error answered as a Kubernetes <c>Status</c> body.</summary>
internal sealed class StatusException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => Build(Code, Reason, Message, Details);

    public static JsonObject Build(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    private static JsonObject Describe(ResourceType type, string name) => new()
    {
        ["name"] = name,
        ["group"] = type.Group,
        ["kind"] = type.Plural,
    };

    public static StatusException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", Describe(type, name));

    public static StatusException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", Describe(type, name));

    public static StatusException Conflict(ResourceType type, string name) => new(
        409,
        "Conflict",
        $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
        Describe(type, name));

    public static StatusException Expired(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException Invalid(ResourceType type, string name, IReadOnlyList<(string Field, string Message, string Reason)> causes)
    {
        var details = Describe(type, name);
        details["kind"] = type.Kind;
        var array = new JsonArray();
        foreach (var (field, message, reason) in causes)
        {
            array.Add(new JsonObject { ["reason"] = reason, ["message"] = message, ["field"] = field });
        }

        details["causes"] = array;
        var text = string.Join(", ", causes.Select(c => c.Message));
        var summary = causes.Count == 1 ? text : $"[{text}]";
        return new StatusException(422, "Invalid", $"{type.Kind}.{type.Group} \"{name}\" is invalid: {summary}".Replace(". \"", " \"", StringComparison.Ordinal), details);
    }
}
