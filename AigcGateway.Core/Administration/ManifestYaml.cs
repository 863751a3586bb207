using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AigcGateway.Core.Administration;

/// <summary>
/// YAML to and from the JSON tree of a Kubernetes object, keeping every field (known or not) and the JSON types:
/// plain scalars become numbers, booleans or null as YAML 1.2's core schema says; quoted ones stay strings.
/// </summary>
public static partial class ManifestYaml
{
    /// <summary>The largest YAML accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 512 * 1024;

    /// <summary>The deepest nesting of mappings and lists accepted (the document's root mapping is level 1).</summary>
    public const int MaxDepth = 64;

    public static string Write(JsonNode node)
    {
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static JsonNode? ToJsonValue(string? value, ScalarStyle style)
    {
        var text = value ?? "";
        if (style is not ScalarStyle.Plain and not ScalarStyle.Any)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    private static YamlNode ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
            case JsonObject obj:
                var mapping = new YamlMappingNode();
                foreach (var (key, value) in obj)
                {
                    mapping.Add(new YamlScalarNode(key), ToYaml(value));
                }

                return mapping;
            case JsonArray array:
                var sequence = new YamlSequenceNode();
                foreach (var item in array)
                {
                    sequence.Add(ToYaml(item));
                }

                return sequence;
            default:
                var element = node.AsValue();
                if (element.TryGetValue<string>(out var text))
                {
                    // A string that would read back as something else (a number, true, null, ...) is quoted.
                    return ToJsonValue(text, ScalarStyle.Plain) is JsonValue back && back.TryGetValue<string>(out var same) && same == text && !NeedsQuotes(text)
                        ? new YamlScalarNode(text) { Style = ScalarStyle.Plain }
                        : new YamlScalarNode(text) { Style = ScalarStyle.DoubleQuoted };
                }

                return new YamlScalarNode(node.ToJsonString()) { Style = ScalarStyle.Plain };
        }
    }

    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal)
        || text.StartsWith(' ') || text.EndsWith(' ') || "-?:,[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal)
        || text.Any(char.IsControl);

    [GeneratedRegex("^[-+]?(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
