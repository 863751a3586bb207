using System.Globalization;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>The network plugins of the OKG simulation: a GameServer's network status for Kubernetes-Ingress, -HostPort and -NodePort.</summary>
internal static class OkgNetwork
{
    public const string NodeIp = "192.168.49.2";
    public const string NodePortAnnotation = "emulator.aigc-gateway.io/node-port";

    public static JsonObject Status(JsonObject gss, JsonObject gs, JsonObject pod, bool ready, JsonObject? previous, string now)
    {
        var network = gss["spec"]?["network"] as JsonObject;
        var networkType = Json.String(network?["networkType"]);
        if (networkType is null)
        {
            return [];
        }

        var conf = (network!["networkConf"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => (Name: Json.String(c["name"]) ?? "", Value: Json.String(c["value"]) ?? "")).ToList();
        var id = Json.Name(gs)[(Json.Name(gs).LastIndexOf('-') + 1)..];
        var disabled = gs["spec"]?["networkDisabled"] is JsonValue d && d.GetValueKind() == System.Text.Json.JsonValueKind.True;
        var current = ready && !disabled ? "Ready" : "NotReady";
        var status = new JsonObject
        {
            ["networkType"] = networkType,
            ["desiredNetworkState"] = "Ready",
            ["currentNetworkState"] = current,
        };
        var podIp = Json.String(pod["status"]?["podIP"]) ?? "";
        if (current == "Ready")
        {
            var (internalAddresses, externalAddresses) = networkType switch
            {
                "Kubernetes-Ingress" => Ingress(conf, id, podIp),
                "Kubernetes-HostPort" => HostPort(pod, podIp),
                "Kubernetes-NodePort" => NodePort(conf, pod, podIp),
                _ => ([], []),
            };
            if (internalAddresses.Count > 0)
            {
                status["internalAddresses"] = internalAddresses;
                status["externalAddresses"] = externalAddresses;
            }
            else
            {
                status["currentNetworkState"] = "Waiting";
            }
        }

        var keep = previous is not null && Json.String(previous["currentNetworkState"]) == Json.String(status["currentNetworkState"]);
        status["createTime"] = Json.String(previous?["createTime"]) ?? now;
        status["lastTransitionTime"] = keep ? Json.String(previous!["lastTransitionTime"]) ?? now : now;
        return status;
    }

    private static (JsonArray Internal, JsonArray External) Ingress(List<(string Name, string Value)> conf, string id, string podIp)
    {
        var host = conf.Where(c => c.Name == "Host").Select(c => c.Value.Replace("<id>", id, StringComparison.Ordinal)).FirstOrDefault() ?? "";
        var ports = conf.Where(c => c.Name == "Port").Select(c => int.TryParse(c.Value, CultureInfo.InvariantCulture, out var p) ? p : 80).ToList();
        var paths = conf.Where(c => c.Name == "Path").Select(c => c.Value.Replace("<id>", id, StringComparison.Ordinal)).ToList();
        if (paths.Count == 0)
        {
            paths.Add("/");
        }

        JsonArray Ports() => [.. paths.Select((path, i) => (JsonNode)new JsonObject
        {
            ["name"] = path,
            ["port"] = ports.Count == 0 ? 80 : ports[Math.Min(i, ports.Count - 1)],
        })];
        return (
            new JsonArray(new JsonObject { ["ip"] = podIp, ["ports"] = Ports() }),
            new JsonArray(new JsonObject { ["ip"] = "", ["ports"] = Ports(), ["endPoint"] = host }));
    }

    private static (JsonArray Internal, JsonArray External) HostPort(JsonObject pod, string podIp)
    {
        var ports = (pod["spec"]?["containers"] as JsonArray ?? []).SelectMany(c => c?["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        JsonArray Ports(bool host) => [.. ports.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = Json.String(p["name"]) ?? Json.Integer(p["containerPort"])?.ToString(CultureInfo.InvariantCulture),
            ["protocol"] = Json.String(p["protocol"]) ?? "TCP",
            ["port"] = Json.Integer(host ? p["hostPort"] : p["containerPort"]) ?? 0,
        })];
        return (
            new JsonArray(new JsonObject { ["ip"] = podIp, ["ports"] = Ports(false) }),
            new JsonArray(new JsonObject { ["ip"] = NodeIp, ["ports"] = Ports(true) }));
    }

    private static (JsonArray Internal, JsonArray External) NodePort(List<(string Name, string Value)> conf, JsonObject pod, string podIp)
    {
        var nodePort = int.TryParse(Json.Annotation(pod, NodePortAnnotation), CultureInfo.InvariantCulture, out var n) ? n : 30000;
        var specs = conf.Where(c => c.Name == "PortProtocols")
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(v => v.Split('/'))
            .Select(v => (Port: int.TryParse(v[0], CultureInfo.InvariantCulture, out var p) ? p : 80, Protocol: v.Length > 1 ? v[1] : "TCP"))
            .ToList();
        JsonArray Ports(bool external) => [.. specs.Select((s, i) => (JsonNode)new JsonObject
        {
            ["name"] = s.Port.ToString(CultureInfo.InvariantCulture),
            ["protocol"] = s.Protocol,
            ["port"] = external ? nodePort + (i * 1000) : s.Port,
        })];
        return (
            new JsonArray(new JsonObject { ["ip"] = podIp, ["ports"] = Ports(false) }),
            new JsonArray(new JsonObject { ["ip"] = NodeIp, ["ports"] = Ports(true) }));
    }
}
