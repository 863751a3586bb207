using System.Globalization;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// Server-side printing (<c>meta.k8s.io/v1</c> Table), which kubectl asks for: the CRDs' additionalPrinterColumns for
/// GameServerSets and GameServers, and kubectl's usual columns for pods, PVCs and events.
/// </summary>
internal sealed class TableConverter
{
    private readonly Dictionary<ResourceType, List<(string Name, string Type, string Path)>> _printerColumns = [];
    private readonly TimeProvider _time;

    public TableConverter(TimeProvider time)
    {
        _time = time;
        foreach (var crd in CrdCatalog.Definitions())
        {
            var type = ResourceType.All.Single(t => t.GroupResource == Json.Name(crd));
            var version = ((JsonArray)crd["spec"]!["versions"]!).OfType<JsonObject>().Single(v => Json.String(v["name"]) == type.Version);
            _printerColumns[type] = [.. (version["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => (Json.String(c["name"]) ?? "", Json.String(c["type"]) ?? "string", Json.String(c["jsonPath"]) ?? ""))];
        }
    }

    public static bool Wanted(string? accept) => accept?.Contains("as=Table", StringComparison.Ordinal) == true;

    public JsonObject Table(ResourceType type, IEnumerable<JsonObject> objects, JsonObject listMetadata, string? includeObject, bool headers = true)
    {
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata,
        };
        if (headers)
        {
            table["columnDefinitions"] = new JsonArray([.. Columns(type).Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Name == "Name" ? "name" : "",
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            })]);
        }

        table["rows"] = new JsonArray([.. objects.Select(o => (JsonNode)Row(type, o, includeObject))]);
        return table;
    }

    private JsonObject Row(ResourceType type, JsonObject obj, string? includeObject)
    {
        var row = new JsonObject { ["cells"] = new JsonArray([.. Cells(type, obj)]) };
        switch (includeObject)
        {
            case "None":
                break;
            case "Object":
                row["object"] = obj.DeepClone();
                break;
            default:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
                break;
        }

        return row;
    }

    private IEnumerable<(string Name, string Type, int Priority)> Columns(ResourceType type)
    {
        if (_printerColumns.TryGetValue(type, out var printer))
        {
            return [("Name", "string", 0), .. printer.Select(c => (c.Name, c.Type == "date" ? "string" : c.Type, 0))];
        }

        if (type == ResourceType.Pods)
        {
            return [("Name", "string", 0), ("Ready", "string", 0), ("Status", "string", 0), ("Restarts", "string", 0), ("Age", "string", 0), ("IP", "string", 1), ("Node", "string", 1)];
        }

        if (type == ResourceType.PersistentVolumeClaims)
        {
            return [("Name", "string", 0), ("Status", "string", 0), ("Volume", "string", 0), ("Capacity", "string", 0), ("Access Modes", "string", 0), ("StorageClass", "string", 0), ("Age", "string", 0)];
        }

        if (type == ResourceType.Events)
        {
            return [("Last Seen", "string", 0), ("Type", "string", 0), ("Reason", "string", 0), ("Object", "string", 0), ("Message", "string", 0)];
        }

        if (type == ResourceType.Namespaces)
        {
            return [("Name", "string", 0), ("Status", "string", 0), ("Age", "string", 0)];
        }

        return [("Name", "string", 0), ("Age", "string", 0)];
    }

    private IEnumerable<JsonNode?> Cells(ResourceType type, JsonObject obj)
    {
        var name = Json.Name(obj);
        var age = Age(obj["metadata"]?["creationTimestamp"]);
        if (_printerColumns.TryGetValue(type, out var printer))
        {
            return [name, .. printer.Select(c => c.Type == "date" ? Age(Path(obj, c.Path)) : Path(obj, c.Path)?.DeepClone())];
        }

        if (type == ResourceType.Pods)
        {
            var statuses = (obj["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var containers = (obj["spec"]?["containers"] as JsonArray)?.Count ?? statuses.Count;
            var ready = statuses.Count(s => s["ready"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True);
            var waiting = statuses.Select(s => Json.String(s["state"]?["waiting"]?["reason"])).FirstOrDefault(r => r is not null);
            var status = waiting ?? Json.String(obj["status"]?["phase"]) ?? "Unknown";
            var restarts = statuses.Sum(s => Json.Integer(s["restartCount"]) ?? 0);
            return [name, $"{ready}/{containers}", status, restarts.ToString(CultureInfo.InvariantCulture), age,
                Json.String(obj["status"]?["podIP"]) ?? "<none>", Json.String(obj["spec"]?["nodeName"]) ?? "<none>"];
        }

        if (type == ResourceType.PersistentVolumeClaims)
        {
            var modes = string.Join(',', (obj["spec"]?["accessModes"] as JsonArray ?? []).Select(m => Json.String(m) switch
            {
                "ReadWriteOnce" => "RWO",
                "ReadOnlyMany" => "ROX",
                "ReadWriteMany" => "RWX",
                "ReadWriteOncePod" => "RWOP",
                var other => other,
            }));
            return [name, Json.String(obj["status"]?["phase"]) ?? "Pending", Json.String(obj["spec"]?["volumeName"]) ?? "",
                Json.String(obj["status"]?["capacity"]?["storage"]) ?? "", modes, Json.String(obj["spec"]?["storageClassName"]) ?? "<unset>", age];
        }

        if (type == ResourceType.Events)
        {
            var involved = obj["involvedObject"];
            return [Age(obj["lastTimestamp"] ?? obj["metadata"]?["creationTimestamp"]), Json.String(obj["type"]) ?? "", Json.String(obj["reason"]) ?? "",
                $"{Json.String(involved?["kind"])?.ToLowerInvariant()}/{Json.String(involved?["name"])}", Json.String(obj["message"]) ?? ""];
        }

        if (type == ResourceType.Namespaces)
        {
            return [name, Json.String(obj["status"]?["phase"]) ?? "Active", age];
        }

        return [name, age];
    }

    private static JsonNode? Path(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.TrimStart('.').Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    private string Age(JsonNode? timestamp)
    {
        if (!DateTimeOffset.TryParse(Json.String(timestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then))
        {
            return "<unknown>";
        }

        var d = _time.GetUtcNow() - then;
        var seconds = (long)Math.Max(0, d.TotalSeconds);
        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        return seconds switch
        {
            < 120 => $"{seconds}s",
            _ when minutes < 10 => seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s",
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m",
            _ when hours < 48 => $"{hours}h",
            _ when hours < 192 => hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h",
            _ when days < 730 => $"{days}d",
            _ => $"{days / 365}y",
        };
    }
}
