using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>The demo templates: three that follow the gateway's conventions and one that does not.</summary>
internal static class DemoSeed
{
    public const string PartOfLabel = "app.kubernetes.io/part-of";

    /// <summary>The demo template that pauses idle instances, and after how long.</summary>
    public const string DemoIdleTemplate = "sd-gpu";
    public const string DemoIdleTimeout = "5m";

    public static IEnumerable<JsonObject> Templates(KubernetesEmulatorOptions options)
    {
        yield return Template(options, new(
            "sd-gpu", "Stable Diffusion WebUI", "AUTOMATIC1111 Stable Diffusion WebUI on a dedicated NVIDIA GPU.",
            "Palette", "NVIDIA A10", "registry.example.com/aigc/stable-diffusion-webui:v1.10.1-cuda12", 7860,
            """{"nvidia.com/gpu": 1}""", "ReserveIds", ["--listen", "--port", "7860", "--xformers"]));
        yield return Template(options, new(
            "comfyui", "ComfyUI", "Node-based Stable Diffusion workflows on a shared GPU (3 GiB of GPU memory).",
            "AccountTree", "NVIDIA T4 (shared)", "registry.example.com/aigc/comfyui:v0.3.10-cuda12", 8188,
            """{"aliyun.com/gpu-mem": 3}""", "ReserveIds", ["--listen", "0.0.0.0", "--port", "8188"]));
        yield return Template(options, new(
            "sd-cpu", "Stable Diffusion (CPU)", "Stable Diffusion WebUI without a GPU: slow, but always available.",
            "Memory", "", "registry.example.com/aigc/stable-diffusion-webui:v1.10.1-cpu", 7860,
            """{"cpu": "4", "memory": "8Gi"}""", "ReserveIds", ["--listen", "--skip-torch-cuda-test", "--no-half", "--use-cpu", "all"]));
        yield return Template(options, new(
            "sd-legacy", "Stable Diffusion (legacy)", "An old template with the General scale-down strategy: instance ids would be reused.",
            "History", "", "registry.example.com/aigc/stable-diffusion-webui:v1.5.0-cpu", 7860,
            """{"cpu": "2", "memory": "4Gi"}""", "General", ["--listen", "--skip-torch-cuda-test", "--no-half"]));
    }

    private static JsonObject Template(KubernetesEmulatorOptions options, Spec spec)
    {
        var (host, path) = options.DemoInstancesOnDashboardHost
            ? (options.DashboardUrl.Authority, $"{KubernetesEmulatorOptions.DemoInstancePathPrefix}/{spec.Name}-<id>/")
            : ($"{spec.Name}-<id>.{options.DemoHostSuffix}{(options.DemoInstancePort is { } port ? $":{port}" : "")}", "/");
        var args = new JsonArray([.. spec.Args.Select(a => (JsonNode)a)]);
        var annotations = new JsonObject
        {
            ["aigc-gateway.io/display-name"] = spec.DisplayName,
            ["aigc-gateway.io/description"] = spec.Description,
            ["aigc-gateway.io/icon"] = spec.Icon,
        };
        if (spec.GpuType.Length > 0)
        {
            annotations["aigc-gateway.io/gpu-type"] = spec.GpuType;
        }

        if (spec.Name == DemoIdleTemplate)
        {
            // the demo of the idle auto-pause: a whole-GPU template that pauses after minutes, not hours
            annotations[TemplateAnnotations.IdleTimeout] = DemoIdleTimeout;
            annotations[TemplateAnnotations.MaxKeepRunning] = "2h";
        }

        return new JsonObject
        {
            ["apiVersion"] = ResourceType.GameServerSets.ApiVersion,
            ["kind"] = ResourceType.GameServerSets.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = spec.Name,
                ["namespace"] = options.DemoNamespace,
                ["labels"] = new JsonObject { [PartOfLabel] = "aigc-gateway" },
                ["annotations"] = annotations,
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["reserveGameServerIds"] = new JsonArray(),
                ["scaleStrategy"] = new JsonObject { ["scaleDownStrategyType"] = spec.Strategy },
                ["updateStrategy"] = new JsonObject
                {
                    ["rollingUpdate"] = new JsonObject { ["podUpdatePolicy"] = "InPlaceIfPossible", ["maxUnavailable"] = "100%" },
                },
                ["gameServerTemplate"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = spec.Name, [PartOfLabel] = "aigc-gateway" } },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = spec.Name,
                            ["image"] = spec.Image,
                            ["args"] = args,
                            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = spec.Port, ["protocol"] = "TCP" }),
                            ["resources"] = new JsonObject { ["limits"] = JsonNode.Parse(spec.Limits) },
                            ["readinessProbe"] = new JsonObject
                            {
                                ["tcpSocket"] = new JsonObject { ["port"] = spec.Port },
                                ["initialDelaySeconds"] = 5,
                                ["periodSeconds"] = 10,
                            },
                            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "user-data", ["mountPath"] = "/data" }),
                        }),
                    },
                    ["volumeClaimTemplates"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "v1",
                        ["kind"] = "PersistentVolumeClaim",
                        ["metadata"] = new JsonObject { ["name"] = "user-data" },
                        ["spec"] = new JsonObject
                        {
                            ["accessModes"] = new JsonArray("ReadWriteOnce"),
                            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "20Gi" } },
                            ["volumeMode"] = "Filesystem",
                        },
                    }),
                },
                ["network"] = new JsonObject
                {
                    ["networkType"] = "Kubernetes-Ingress",
                    ["networkConf"] = new JsonArray(
                        Conf("IngressClassName", "nginx"),
                        Conf("Port", spec.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        Conf("Host", host),
                        Conf("PathType", "ImplementationSpecific"),
                        Conf("Path", path),
                        Conf("Annotation", IngressAnnotations.Entry(IngressAnnotations.AuthUrl, IngressAnnotations.AuthUrlFor(options.DashboardUrl))),
                        Conf("Annotation", IngressAnnotations.Entry(IngressAnnotations.AuthSignin, IngressAnnotations.AuthSigninFor(options.DashboardUrl))),
                        Conf("Annotation", IngressAnnotations.Entry(IngressAnnotations.AuthResponseHeaders, IngressAnnotations.ResponseHeaders))),
                },
            },
        };
    }

    private static JsonObject Conf(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private sealed record Spec(
        string Name,
        string DisplayName,
        string Description,
        string Icon,
        string GpuType,
        string Image,
        int Port,
        string Limits,
        string Strategy,
        string[] Args);
}
