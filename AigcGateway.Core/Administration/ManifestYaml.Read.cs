using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Reading: one document, straight from the parser's events into JSON with an explicit stack (never recursion over the
/// input). The size is checked before parsing, the depth as each mapping or list opens, and anchors and aliases are
/// refused where they appear, so hostile input costs at most about its own size and stops at the first excess.
/// </summary>
public static partial class ManifestYaml
{
    /// <summary>Parses one YAML document into a JSON object; every problem comes back with its line and column.</summary>
    public static bool TryRead(string yaml, out JsonObject? result, out YamlProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        result = null;
        var size = Encoding.UTF8.GetByteCount(yaml);
        if (size > MaxBytes)
        {
            problem = new YamlProblem(0, 0, AdministrationText.Get("Yaml_TooLarge", (size + 1023) / 1024, MaxBytes / 1024));
            return false;
        }

        try
        {
            problem = Read(new Parser(new StringReader(yaml)), out result);
        }
        catch (YamlException e)
        {
            problem = new YamlProblem((int)e.Start.Line, (int)e.Start.Column, Innermost(e).Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated constructs; find where it stopped.
            problem = new YamlProblem(0, 0, AdministrationText.Get("Yaml_Incomplete"));
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
        }

        if (problem is not null)
        {
            result = null;
        }

        return problem is null;
    }

    private static YamlProblem? Read(Parser parser, out JsonObject? root)
    {
        root = null;
        var open = new Stack<Collection>();
        var documents = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case DocumentStart when ++documents > 1:
                    return At(current, "Yaml_OneDocument");
                case AnchorAlias:
                case NodeEvent { Anchor.IsEmpty: false }:
                    return At(current, "Yaml_Anchor");
                case MappingStart or SequenceStart:
                    if (open.Count >= MaxDepth)
                    {
                        return At(current, "Yaml_TooDeep", MaxDepth);
                    }

                    JsonNode node = current is MappingStart ? new JsonObject() : new JsonArray();
                    if (open.Count == 0)
                    {
                        root = node as JsonObject;
                        if (root is null)
                        {
                            return At(current, "Yaml_NotMapping");
                        }
                    }
                    else if (open.Peek().Add(node, current) is { } misplaced)
                    {
                        return misplaced;
                    }

                    open.Push(new Collection(node));
                    break;
                case MappingEnd or SequenceEnd:
                    open.Pop();
                    break;
                case Scalar scalar:
                    if (open.Count == 0)
                    {
                        return At(current, "Yaml_NotMapping");
                    }

                    if (open.Peek().Add(scalar) is { } duplicate)
                    {
                        return duplicate;
                    }

                    break;
            }
        }

        return documents == 0 ? new YamlProblem(0, 0, AdministrationText.Get("Yaml_Empty")) : null;
    }

    private static YamlProblem At(ParsingEvent where, string key, params object?[] args) =>
        new((int)where.Start.Line, (int)where.Start.Column, AdministrationText.Get(key, args));

    private static Exception Innermost(Exception e) => e.InnerException is YamlException inner ? Innermost(inner) : e;

    /// <summary>A mapping or list being filled; a mapping alternates between waiting for a key and for its value.</summary>
    private sealed class Collection(JsonNode node)
    {
        private string? _key;

        public YamlProblem? Add(Scalar scalar)
        {
            if (node is JsonArray array)
            {
                array.Add(ToJsonValue(scalar.Value, scalar.Style));
                return null;
            }

            var mapping = (JsonObject)node;
            if (_key is null)
            {
                if (mapping.ContainsKey(scalar.Value))
                {
                    return At(scalar, "Yaml_DuplicateKey", scalar.Value);
                }

                _key = scalar.Value;
                return null;
            }

            mapping[_key] = ToJsonValue(scalar.Value, scalar.Style);
            _key = null;
            return null;
        }

        public YamlProblem? Add(JsonNode child, ParsingEvent where)
        {
            if (node is JsonArray array)
            {
                array.Add(child);
                return null;
            }

            if (_key is null)
            {
                return At(where, "Yaml_KeyNotText");
            }

            ((JsonObject)node)[_key] = child;
            _key = null;
            return null;
        }
    }
}
