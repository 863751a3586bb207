using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Checks the types of the GameServerSet fields the gateway reads (and of the object metadata Kubernetes types) before
/// anything uses them, and names every misfit with its path: <c>metadata must be a mapping</c>,
/// <c>spec.network.networkConf[0].value must be text</c>. Fields it does not know may hold anything. Absent and null
/// fields are fine here; whether they are required is for the review and conformance rules.
/// </summary>
public static partial class ManifestShape
{
    private static readonly Field Text = new(Kind.Text);
    private static readonly Field Count = new(Kind.Integer, 0, int.MaxValue);
    private static readonly Field Long = new(Kind.Integer, long.MinValue, long.MaxValue);

    private static readonly Field Manifest = Mapping(new()
    {
        ["apiVersion"] = Text,
        ["kind"] = Text,
        ["metadata"] = Mapping(new()
        {
            ["name"] = Text,
            ["namespace"] = Text,
            ["generateName"] = Text,
            ["uid"] = Text,
            ["resourceVersion"] = Text,
            ["generation"] = Long,
            ["creationTimestamp"] = Text,
            ["deletionTimestamp"] = Text,
            ["deletionGracePeriodSeconds"] = Long,
            ["labels"] = new(Kind.TextValues),
            ["annotations"] = new(Kind.TextValues),
            ["finalizers"] = List(Text),
            ["ownerReferences"] = List(Mapping(new())),
            ["managedFields"] = List(Mapping(new())),
        }),
        ["spec"] = Mapping(new()
        {
            ["replicas"] = Count,
            ["reserveGameServerIds"] = List(new(Kind.IdOrRange)),
            ["scaleStrategy"] = Mapping(new() { ["scaleDownStrategyType"] = Text }),
            ["gameServerTemplate"] = Mapping(new()
            {
                ["metadata"] = Mapping(new()),
                ["spec"] = Mapping(new()),
                ["volumeClaimTemplates"] = List(Mapping(new())),
            }),
            ["network"] = Mapping(new()
            {
                ["networkType"] = Text,
                ["networkConf"] = List(Mapping(new() { ["name"] = Text, ["value"] = Text })),
            }),
            ["persistentVolumeClaimRetentionPolicy"] = Mapping(new() { ["whenDeleted"] = Text, ["whenScaled"] = Text }),
        }),
        ["status"] = Mapping(new()),
    });

    private enum Kind
    {
        Mapping,
        List,
        Text,
        Integer,
        IdOrRange,
        TextValues,
    }

    /// <summary>Every field of the wrong type, in the administrator's language; empty when the shape fits.</summary>
    public static ImmutableArray<string> Check(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = ImmutableArray.CreateBuilder<string>();
        Visit(manifest, Manifest, string.Empty, problems);
        return problems.ToImmutable();
    }

    // recursion follows the fixed schema above (five levels), never the input's own depth
    private static void Visit(JsonNode? node, Field field, string path, ImmutableArray<string>.Builder problems)
    {
        if (node is null)
        {
            return;
        }

        switch (field.Kind)
        {
            case Kind.Mapping when node is JsonObject mapping:
                foreach (var (name, child) in field.Fields!)
                {
                    Visit(mapping[name], child, Join(path, name), problems);
                }

                break;
            case Kind.List when node is JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    Visit(list[i], field.Items!, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", problems);
                }

                break;
            case Kind.TextValues when node is JsonObject values:
                foreach (var (name, value) in values)
                {
                    if (value is not null && !IsText(value))
                    {
                        problems.Add(AdministrationText.Get("Shape_Text", Join(path, name)));
                    }
                }

                break;
            case Kind.Text when IsText(node):
            case Kind.Integer when IsInteger(node, field.Min, field.Max):
            case Kind.IdOrRange when IsText(node) || IsInteger(node, 0, int.MaxValue):
                break;
            default:
                problems.Add(field.Kind switch
                {
                    Kind.Mapping or Kind.TextValues => AdministrationText.Get("Shape_Mapping", path),
                    Kind.List => AdministrationText.Get("Shape_List", path),
                    Kind.Text => AdministrationText.Get("Shape_Text", path),
                    Kind.Integer when field.Min == long.MinValue => AdministrationText.Get("Shape_WholeNumber", path),
                    Kind.Integer => AdministrationText.Get("Shape_Integer", path, field.Min, field.Max),
                    _ => AdministrationText.Get("Shape_IdOrRange", path),
                });
                break;
        }
    }

    private static bool IsText(JsonNode node) => node.GetValueKind() == JsonValueKind.String;

    // whatever CLR type holds the number (long from YAML, int from the form builder, JsonElement from the cluster)
    private static bool IsInteger(JsonNode node, long min, long max) =>
        node.GetValueKind() == JsonValueKind.Number
        && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;

    private static string Join(string path, string name)
    {
        var part = SimpleName().IsMatch(name) ? name : "[\"" + name.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";
        return path.Length == 0 ? part : part[0] == '[' ? path + part : path + "." + part;
    }

    private static Field Mapping(Dictionary<string, Field> fields) => new(Kind.Mapping) { Fields = fields.ToFrozenDictionary(StringComparer.Ordinal) };

    private static Field List(Field items) => new(Kind.List) { Items = items };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex SimpleName();

    private sealed record Field(Kind Kind, long Min = 0, long Max = 0)
    {
        public FrozenDictionary<string, Field>? Fields { get; init; }

        public Field? Items { get; init; }
    }
}
