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
    public static string Write(JsonNode node)
    {
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    /// <summary>Parses one YAML document into a JSON object; syntax errors come back with their line and column.</summary>
    public static bool TryRead(string yaml, out JsonObject? result, out YamlProblem? problem)
    {
        result = null;
        problem = null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = Innermost(e).Message;
            if (message.StartsWith("Duplicate key ", StringComparison.Ordinal))
            {
                message = $"The key '{message["Duplicate key ".Length..]}' appears twice in the same mapping.";
            }

            problem = new YamlProblem((int)e.Start.Line, (int)e.Start.Column, message);
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated constructs; find where it stopped.
            problem = new YamlProblem(0, 0, "The YAML is incomplete (an unclosed bracket, brace or quote?).");
            var scanner = new Scanner(new StringReader(yaml));
            try
            {
                while (scanner.MoveNext())
                {
                }
            }
            catch (Exception e) when (e is InvalidOperationException or YamlException)
            {
                problem = problem with { Line = (int)scanner.CurrentPosition.Line, Column = (int)scanner.CurrentPosition.Column };
            }

            return false;
        }

        if (stream.Documents.Count != 1)
        {
            problem = new YamlProblem(0, 0, stream.Documents.Count == 0 ? "The YAML is empty." : "Give exactly one YAML document (no '---' separators).");
            return false;
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode)
        {
            problem = new YamlProblem((int)root.Start.Line, (int)root.Start.Column, "The document must be a mapping (key: value lines), not a list or a single value.");
            return false;
        }

        try
        {
            result = (JsonObject)ToJson(root)!;
            return true;
        }
        catch (YamlShapeException e)
        {
            problem = e.Problem;
            return false;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is YamlException inner ? Innermost(inner) : e;

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToJsonObject(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => ToJsonValue(scalar),
        _ => throw new YamlShapeException(new YamlProblem((int)node.Start.Line, (int)node.Start.Column, "Aliases and anchors are not supported here.")),
    };

    private static JsonObject ToJsonObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new YamlShapeException(new YamlProblem((int)keyNode.Start.Line, (int)keyNode.Start.Column, "Keys must be plain text."));
            }

            if (result.ContainsKey(key))
            {
                throw new YamlShapeException(new YamlProblem((int)keyNode.Start.Line, (int)keyNode.Start.Column, $"The key '{key}' appears twice in the same mapping."));
            }

            result[key] = ToJson(valueNode);
        }

        return result;
    }

    private static JsonNode? ToJsonValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any)
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
                    var plain = new YamlScalarNode(text) { Style = ScalarStyle.Plain };
                    return ToJsonValue(plain) is JsonValue back && back.TryGetValue<string>(out var same) && same == text && !NeedsQuotes(text)
                        ? plain
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

    private sealed class YamlShapeException(YamlProblem problem) : Exception(problem.Message)
    {
        public YamlProblem Problem { get; } = problem;
    }
}
