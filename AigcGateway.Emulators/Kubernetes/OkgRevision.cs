using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// What OKG rolls a GameServerSet's pods by. Its revision hashes the pod template and, because OKG copies
/// <c>spec.network.networkConf</c> into the pod template's annotations (<c>game.kruise.io/network-conf</c>), the network
/// too: a network change rolls the instances like a template change. The shape leaves out what Kruise can update in
/// place (images, and those annotations), so pods of the same shape are updated in place under
/// <c>InPlaceIfPossible</c>/<c>InPlaceOnly</c>, the rest recreated.
/// </summary>
internal static class OkgRevision
{
    public static (string Revision, string Shape) Of(JsonObject gss)
    {
        var template = new JsonObject
        {
            ["metadata"] = gss["spec"]?["gameServerTemplate"]?["metadata"]?.DeepClone(),
            ["spec"] = gss["spec"]?["gameServerTemplate"]?["spec"]?.DeepClone(),
        };
        var revision = Hash(new JsonObject { ["template"] = template.DeepClone(), ["networkConf"] = gss["spec"]?["network"]?["networkConf"]?.DeepClone() });
        foreach (var container in (template["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            container.Remove("image");
        }

        return ($"{Json.Name(gss)}-{revision}", Hash(template));
    }

    private static string Hash(JsonNode node) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Json.ToBytes(Canonical(node)!)))[..10];

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Canonical(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        _ => node?.DeepClone(),
    };
}
