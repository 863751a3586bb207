using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AigcGateway.Tests.Infrastructure.Ingress;

/// <summary>
/// Builds the Ingress that OpenKruiseGame's <c>Kubernetes-Ingress</c> network plugin creates for GameServer
/// <c>&lt;gss&gt;-&lt;id&gt;</c> from the template's <c>spec.network.networkConf</c>, the way the plugin does it:
/// <c>&lt;id&gt;</c> replaced in <c>Host</c> and each <c>Path</c>; <c>PathType</c> and <c>Port</c> lists padded with
/// their first item; each <c>Annotation</c> split at <c>": "</c> into exactly a key and a value; no Ingress without at
/// least one Path, PathType and Port.
/// </summary>
public static class OkgIngressBuilder
{
    public static RenderedIngress Build(JsonObject gameServerSet, int id)
    {
        ArgumentNullException.ThrowIfNull(gameServerSet);
        var name = gameServerSet["metadata"]?["name"]?.GetValue<string>() ?? throw new ArgumentException("the GameServerSet has no name");
        var ns = gameServerSet["metadata"]?["namespace"]?.GetValue<string>() ?? "default";
        var network = gameServerSet["spec"]?["network"];
        if (network?["networkType"]?.GetValue<string>() != "Kubernetes-Ingress")
        {
            throw new ArgumentException($"{ns}/{name} does not use the Kubernetes-Ingress network");
        }

        var idText = id.ToString(CultureInfo.InvariantCulture);
        string host = "";
        List<string> paths = [], pathTypes = [];
        List<int> ports = [];
        var annotations = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var conf in network["networkConf"]?.AsArray() ?? [])
        {
            var value = conf?["value"]?.GetValue<string>() ?? "";
            switch (conf?["name"]?.GetValue<string>())
            {
                case "Host":
                    host = WithId(value, idText);
                    break;
                case "Path":
                    paths.Add(WithId(value, idText));
                    break;
                case "PathType":
                    pathTypes.Add(value);
                    break;
                case "Port":
                    ports.Add(int.TryParse(value, CultureInfo.InvariantCulture, out var port) ? port : 0);
                    break;
                case "Annotation":
                    var pair = value.Split(": ");
                    if (pair.Length != 2)
                    {
                        throw new ArgumentException($"OKG refuses the Annotation \"{value}\" (Network Config Params Error)");
                    }

                    annotations[pair[0]] = pair[1];
                    break;
            }
        }

        if (paths.Count == 0 || pathTypes.Count == 0 || ports.Count == 0)
        {
            throw new ArgumentException($"OKG creates no Ingress for {ns}/{name}: it needs a Path, a PathType and a Port");
        }

        return new RenderedIngress(
            ns,
            $"{name}-{idText}",
            host,
            [.. paths.Select((path, i) => new RenderedIngressPath(path, i < pathTypes.Count ? pathTypes[i] : pathTypes[0], i < ports.Count ? ports[i] : ports[0]))],
            annotations.ToImmutable());
    }

    private static string WithId(string pattern, string id)
    {
        var parts = pattern.Split("<id>");
        return parts.Length switch
        {
            1 => pattern,
            2 => parts[0] + id + parts[1],
            _ => throw new ArgumentException($"OKG refuses \"{pattern}\": <id> may appear once (Network Config Params Error)"),
        };
    }
}
