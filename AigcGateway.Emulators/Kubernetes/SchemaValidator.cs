using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// Validates and prunes an object against a structural <c>openAPIV3Schema</c> as the API server does for custom
/// resources: type, properties, required, items, additionalProperties, minimum/maximum, enum, pattern, lengths,
/// anyOf, x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields, nullable. Unknown fields are pruned;
/// the list passed as <c>unknown</c> receives their paths (<c>spec.foo</c>), which the API reports as warnings or, with
/// <c>fieldValidation=Strict</c>, refuses.
/// </summary>
internal sealed class SchemaValidator(JsonObject schema)
{
    public IReadOnlyList<(string Field, string Message, string Reason)> ValidateAndPrune(JsonObject obj, List<string>? unknown = null)
    {
        var errors = new List<(string, string, string)>();
        var properties = schema["properties"] as JsonObject;
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (properties?[key] is JsonObject child)
            {
                if (obj[key] is null && child["nullable"] is null)
                {
                    obj.Remove(key);
                    continue;
                }

                Walk(obj[key], child, key, errors, prune: true, unknown);
            }
            else
            {
                unknown?.Add(key);
                obj.Remove(key);
            }
        }

        CheckRequired(obj, schema, "", errors);
        return errors;
    }

    private static void Walk(JsonNode? value, JsonObject schema, string path, List<(string, string, string)> errors, bool prune, List<string>? unknown = null)
    {
        var kind = KindOf(value);
        if (schema["x-kubernetes-int-or-string"] is JsonValue ios && ios.GetValue<bool>())
        {
            if (kind is not ("integer" or "string"))
            {
                errors.Add((path, $"{path}: Invalid value: \"{kind}\": {path} in body must be of type integer,string: \"{kind}\"", "FieldValueInvalid"));
                return;
            }
        }
        else if (Json.String(schema["type"]) is { } type && !(type == kind || (type == "number" && kind == "integer")))
        {
            errors.Add((path, $"{path}: Invalid value: \"{kind}\": {path} in body must be of type {type}: \"{kind}\"", "FieldValueInvalid"));
            return;
        }

        if (schema["anyOf"] is JsonArray anyOf && schema["x-kubernetes-int-or-string"] is null
            && !anyOf.OfType<JsonObject>().Any(branch =>
            {
                var probe = new List<(string, string, string)>();
                Walk(value?.DeepClone(), branch, path, probe, prune: false);
                return probe.Count == 0;
            }))
        {
            errors.Add((path, $"{path}: Invalid value: {Show(value)}: {path} in body must match at least one schema in anyOf", "FieldValueInvalid"));
        }

        CheckValue(value, kind, schema, path, errors);
        switch (value)
        {
            case JsonObject obj:
                WalkObject(obj, schema, path, errors, prune, unknown);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], items, $"{path}[{i}]", errors, prune, unknown);
                }

                break;
        }
    }

    private static void WalkObject(JsonObject obj, JsonObject schema, string path, List<(string, string, string)> errors, bool prune, List<string>? unknown)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = schema["x-kubernetes-preserve-unknown-fields"] is JsonValue p && p.GetValue<bool>();
        foreach (var key in obj.Select(kv => kv.Key).ToList())
        {
            var child = properties?[key] as JsonObject ?? additional;
            var childPath = properties?[key] is not null || additional is null ? $"{path}.{key}" : $"{path}[{key}]";
            if (child is null)
            {
                if (!preserve && prune)
                {
                    unknown?.Add($"{path}.{key}");
                    obj.Remove(key);
                }

                continue;
            }

            if (obj[key] is null && !(child["nullable"] is JsonValue n && n.GetValue<bool>()))
            {
                if (prune)
                {
                    obj.Remove(key);
                }

                continue;
            }

            Walk(obj[key], child, childPath, errors, prune, unknown);
        }

        CheckRequired(obj, schema, path, errors);
    }

    private static void CheckRequired(JsonObject obj, JsonObject schema, string path, List<(string, string, string)> errors)
    {
        if (schema["required"] is not JsonArray required)
        {
            return;
        }

        foreach (var name in required.Select(Json.String).OfType<string>())
        {
            if (!obj.ContainsKey(name))
            {
                var field = path.Length == 0 ? name : $"{path}.{name}";
                errors.Add((field, $"{field}: Required value", "FieldValueRequired"));
            }
        }
    }

    private static void CheckValue(JsonNode? value, string kind, JsonObject schema, string path, List<(string, string, string)> errors)
    {
        if (kind is "integer" or "number")
        {
            var number = Number(value!);
            if (schema["minimum"] is JsonValue min && number < Number(min))
            {
                errors.Add((path, $"{path}: Invalid value: {Show(value)}: {path} in body should be greater than or equal to {min.ToJsonString()}", "FieldValueInvalid"));
            }

            if (schema["maximum"] is JsonValue max && number > Number(max))
            {
                errors.Add((path, $"{path}: Invalid value: {Show(value)}: {path} in body should be less than or equal to {max.ToJsonString()}", "FieldValueInvalid"));
            }
        }

        if (kind == "string")
        {
            var text = value!.GetValue<string>();
            if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add((path, $"{path}: Invalid value: {Show(value)}: {path} in body should match '{pattern.GetValue<string>()}'", "FieldValueInvalid"));
            }

            if (schema["maxLength"] is JsonValue maxLength && text.Length > maxLength.GetValue<int>())
            {
                errors.Add((path, $"{path}: Too long: may not be more than {maxLength.GetValue<int>()} bytes", "FieldValueTooLong"));
            }

            if (schema["minLength"] is JsonValue minLength && text.Length < minLength.GetValue<int>())
            {
                errors.Add((path, $"{path}: Invalid value: {Show(value)}: {path} in body should be at least {minLength.GetValue<int>()} chars long", "FieldValueInvalid"));
            }
        }

        if (value is JsonArray array)
        {
            if (schema["maxItems"] is JsonValue maxItems && array.Count > maxItems.GetValue<int>())
            {
                errors.Add((path, $"{path}: Too many: {array.Count}: must have at most {maxItems.GetValue<int>()} items", "FieldValueTooMany"));
            }

            if (schema["minItems"] is JsonValue minItems && array.Count < minItems.GetValue<int>())
            {
                errors.Add((path, $"{path}: Invalid value: {array.Count}: {path} in body should have at least {minItems.GetValue<int>()} items", "FieldValueInvalid"));
            }
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            var list = string.Join(", ", allowed.Select(a => a?.ToJsonString()));
            errors.Add((path, $"{path}: Unsupported value: {Show(value)}: supported values: {list}", "FieldValueNotSupported"));
        }
    }

    private static string Show(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"\"{v.GetValue<string>()}\"",
        JsonValue v => v.ToJsonString(),
        JsonArray => "array",
        _ => "object",
    };

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegral(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static double Number(JsonNode value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool IsIntegral(JsonValue value) => value.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0;
}
