using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>Small helpers over <see cref="JsonNode"/> trees.</summary>
internal static class Json
{
    public static byte[] ToBytes(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static JsonObject ParseObject(ReadOnlySpan<byte> bytes) =>
        JsonNode.Parse(bytes) as JsonObject ?? throw StatusException.BadRequest("the request body is not a JSON object");

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    public static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject child)
        {
            child = [];
            parent[name] = child;
        }

        return child;
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Integer(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? l
                : (long)double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    public static string Name(JsonObject obj) => String(obj["metadata"]?["name"]) ?? "";

    public static string Namespace(JsonObject obj) => String(obj["metadata"]?["namespace"]) ?? "";

    public static string Uid(JsonObject obj) => String(obj["metadata"]?["uid"]) ?? "";

    public static string? Label(JsonObject obj, string key) => String(obj["metadata"]?["labels"]?[key]);

    public static string? Annotation(JsonObject obj, string key) => String(obj["metadata"]?["annotations"]?[key]);

    public static long ResourceVersion(JsonObject obj) =>
        long.TryParse(String(obj["metadata"]?["resourceVersion"]), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
