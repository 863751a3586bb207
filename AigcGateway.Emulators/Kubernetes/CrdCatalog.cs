using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>The OpenKruiseGame CRDs embedded in the assembly, as JSON objects, and validators for their schemas.</summary>
internal static class CrdCatalog
{
    // kept serialized: every caller gets its own JsonObject tree (JsonObject is not safe for concurrent reads)
    private static readonly Lazy<ImmutableArray<byte[]>> Loaded = new(() => [.. Load().Select(d => Json.ToBytes(d))]);

    /// <summary>Fresh copies of the CRD objects.</summary>
    public static ImmutableArray<JsonObject> Definitions() => [.. Loaded.Value.Select(b => Json.ParseObject(b))];

    /// <summary>A validator over a private copy of the CRD schema.</summary>
    public static SchemaValidator ValidatorFor(ResourceType type)
    {
        var crd = Definitions().Single(d => Json.Name(d) == type.GroupResource);
        var version = ((JsonArray)crd["spec"]!["versions"]!).OfType<JsonObject>().Single(v => Json.String(v["name"]) == type.Version);
        return new SchemaValidator((JsonObject)version["schema"]!["openAPIV3Schema"]!);
    }

    private static ImmutableArray<JsonObject> Load()
    {
        var assembly = typeof(CrdCatalog).Assembly;
        return
        [
            .. new[] { "game.kruise.io_gameserversets.yaml", "game.kruise.io_gameservers.yaml" }.Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)
                    ?? throw new InvalidOperationException($"embedded CRD {name} is missing");
                using var reader = new StreamReader(stream);
                var yaml = new YamlStream();
                yaml.Load(reader);
                return (JsonObject)ToJson(yaml.Documents[0].RootNode)!;
            }),
        ];
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && text.Any(char.IsDigit) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }
}
