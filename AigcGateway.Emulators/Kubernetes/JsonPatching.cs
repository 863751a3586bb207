using System.Globalization;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>JSON merge patch (RFC 7386) and JSON patch (RFC 6902) on <see cref="JsonNode"/> trees.</summary>
internal static class JsonPatching
{
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$", StringComparison.Ordinal))
            {
                continue; // strategic-merge directives are not interpreted
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var existing = result[key];
                result.Remove(key);
                result[key] = MergePatch(existing, value);
            }
        }

        return result;
    }

    public static JsonNode? JsonPatch(JsonNode? document, JsonArray operations)
    {
        foreach (var item in operations)
        {
            if (item is not JsonObject op)
            {
                throw StatusException.BadRequest("json patch operation is not an object");
            }

            var kind = (string?)op["op"] ?? throw StatusException.BadRequest("json patch operation without op");
            var path = (string?)op["path"] ?? throw StatusException.BadRequest("json patch operation without path");
            switch (kind)
            {
                case "add":
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    document = Remove(document, path, out _);
                    break;
                case "replace":
                    document = Remove(document, path, out _);
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    {
                        var from = (string?)op["from"] ?? throw StatusException.BadRequest("move without from");
                        document = Remove(document, from, out var moved);
                        document = Add(document, path, moved);
                        break;
                    }

                case "copy":
                    {
                        var from = (string?)op["from"] ?? throw StatusException.BadRequest("copy without from");
                        document = Add(document, path, Resolve(document, from)?.DeepClone());
                        break;
                    }

                case "test":
                    if (!JsonNode.DeepEquals(Resolve(document, path), op["value"]))
                    {
                        throw new StatusException(422, "Invalid", $"the server rejected our request due to an error in our request: test failed at {path}");
                    }

                    break;
                default:
                    throw StatusException.BadRequest($"unknown json patch operation \"{kind}\"");
            }
        }

        return document;
    }

    private static string[] Split(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }

        if (path[0] != '/')
        {
            throw StatusException.BadRequest($"invalid json pointer \"{path}\"");
        }

        return path[1..].Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Resolve(JsonNode? document, string path)
    {
        var node = document;
        foreach (var token in Split(path))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw Missing(path),
            };
        }

        return node;
    }

    private static StatusException Missing(string path) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: path {path} does not exist");

    private static JsonNode? Add(JsonNode? document, string path, JsonNode? value)
    {
        var tokens = Split(path);
        if (tokens.Length == 0)
        {
            return value;
        }

        var parent = Resolve(document, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        if (tokens.Length == 1)
        {
            parent = document;
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o.Remove(last);
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Missing(path);
        }

        return document;
    }

    private static JsonNode? Remove(JsonNode? document, string path, out JsonNode? removed)
    {
        var tokens = Split(path);
        var parent = tokens.Length == 1 ? document : Resolve(document, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out var child):
                o.Remove(last);
                removed = child;
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                break;
            default:
                throw Missing(path);
        }

        return document;
    }

    private static string Escape(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
