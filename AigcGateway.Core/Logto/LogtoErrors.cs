using System.Text.Json;
using System.Text.Json.Nodes;

namespace AigcGateway.Core.Logto;

/// <summary>Reads Logto's error bodies (<c>{"code","message"}</c> and the OIDC <c>{"error","error_description"}</c>).</summary>
internal static class LogtoErrors
{
    public static (string? Code, string? Message) ReadApiError(string body)
    {
        var json = TryParse(body);
        return (Text(json, "code"), Text(json, "message"));
    }

    public static (string? Error, string? Description) ReadOidcError(string body)
    {
        var json = TryParse(body);
        return (Text(json, "error"), Text(json, "error_description") ?? Text(json, "message"));
    }

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
