using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>The emulated API server's discovery documents: <c>/version</c>, <c>/api</c>, <c>/apis</c> and the resource lists.</summary>
internal static class Discovery
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "35",
        ["emulationMajor"] = "1",
        ["emulationMinor"] = "35",
        ["gitVersion"] = "v1.35.0-aigc-emulator",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.25.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(HttpContext context) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = context.Request.Host.Value,
        }),
    };

    public static IEnumerable<(string Group, string Version)> Groups() =>
        ResourceType.All.Where(t => t.Group.Length > 0).Select(t => (t.Group, t.Version)).Distinct();

    public static JsonObject Group(string group)
    {
        var version = Groups().First(g => g.Group == group).Version;
        var gv = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(gv),
            ["preferredVersion"] = gv.DeepClone(),
        };
    }

    public static JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups().Select(g => (JsonNode)new JsonObject
        {
            ["name"] = g.Group,
            ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = $"{g.Group}/{g.Version}", ["version"] = g.Version }),
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{g.Group}/{g.Version}", ["version"] = g.Version },
        })]),
    };

    public static JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in ResourceType.All.Where(t => t.Group == group && t.Version == version))
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray([.. type.Verbs.Select(v => (JsonNode)v)]),
            };
            if (type.ShortNames.Length > 0)
            {
                resource["shortNames"] = new JsonArray([.. type.ShortNames.Select(v => (JsonNode)v)]);
            }

            if (type.IsCustom || type == ResourceType.Pods || type == ResourceType.PersistentVolumeClaims)
            {
                resource["categories"] = new JsonArray("all");
            }

            resources.Add(resource);
            if (type.HasStatus && !type.ReadOnly)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{type.Plural}/status",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }

            if (type == ResourceType.GameServerSets)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{type.Plural}/scale",
                    ["singularName"] = "",
                    ["namespaced"] = true,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }
}
