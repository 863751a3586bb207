using System.Globalization;
using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Turns a validated <see cref="TemplateDraft"/> into a GameServerSet that follows the gateway's conventions:
/// no instance at creation (replicas 0), ReserveIds scale-down so paused ids are kept, a data volume per instance,
/// and a Kubernetes-Ingress network whose auth-url (bound to nginx's <c>$host</c>) and auth-signin annotations point at
/// this gateway.
/// </summary>
public static class TemplateManifestBuilder
{
    public const string ContainerName = "app";
    public const string DataVolumeName = "user-data";

    public static JsonObject Build(TemplateDraft draft, TemplateRules rules)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(rules);

        var labels = new JsonObject { ["app.kubernetes.io/managed-by"] = "aigc-gateway" };
        foreach (var (key, value) in rules.CatalogLabels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            labels[key] = value;
        }

        var annotations = new JsonObject { ["aigc-gateway.io/display-name"] = draft.DisplayName.Trim() };
        AddIfSet(annotations, "aigc-gateway.io/description", draft.Description);
        AddIfSet(annotations, "aigc-gateway.io/icon", draft.Icon);
        AddIfSet(annotations, "aigc-gateway.io/gpu-type", draft.Gpu == GpuMode.None ? null : draft.GpuType);
        if (draft.IdleTimeout is { } idle)
        {
            annotations["aigc-gateway.io/idle-timeout"] = FormatDuration(idle);
        }

        if (draft.MaxKeepRunning is { } keep)
        {
            annotations[Templates.TemplateAnnotations.MaxKeepRunning] = FormatDuration(keep);
        }

        if (draft.BusyGpuPercent is { } busy)
        {
            annotations[Templates.TemplateAnnotations.BusyGpuPercent] = busy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var limits = new JsonObject { ["cpu"] = draft.Cpu, ["memory"] = draft.Memory };
        switch (draft.Gpu)
        {
            case GpuMode.Whole:
                limits["nvidia.com/gpu"] = draft.GpuCount;
                break;
            case GpuMode.SharedMemory:
                limits["aliyun.com/gpu-mem"] = draft.GpuMemoryGiB;
                break;
        }

        var container = new JsonObject
        {
            ["name"] = ContainerName,
            ["image"] = draft.Image,
        };
        if (!draft.Command.IsDefaultOrEmpty)
        {
            container["command"] = new JsonArray([.. draft.Command.Select(c => (JsonNode)c)]);
        }

        if (!draft.Arguments.IsDefaultOrEmpty)
        {
            container["args"] = new JsonArray([.. draft.Arguments.Select(a => (JsonNode)a)]);
        }

        container["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = draft.ContainerPort, ["protocol"] = "TCP" });
        if (!draft.Environment.IsDefaultOrEmpty)
        {
            container["env"] = new JsonArray([.. draft.Environment.Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["value"] = e.Value })]);
        }

        container["resources"] = new JsonObject
        {
            ["limits"] = limits,
            ["requests"] = new JsonObject { ["cpu"] = draft.Cpu, ["memory"] = draft.Memory },
        };
        container["readinessProbe"] = new JsonObject
        {
            ["tcpSocket"] = new JsonObject { ["port"] = draft.ContainerPort },
            ["periodSeconds"] = 5,
        };
        container["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = DataVolumeName, ["mountPath"] = draft.MountPath });

        var claimSpec = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = draft.VolumeSize } },
        };
        if (!string.IsNullOrEmpty(draft.StorageClass))
        {
            claimSpec["storageClassName"] = draft.StorageClass;
        }

        var networkConf = new JsonArray
        {
            Param("IngressClassName", draft.IngressClassName),
            Param("Port", draft.ContainerPort.ToString(CultureInfo.InvariantCulture)),
            Param("Host", draft.HostPattern),
            Param("PathType", "ImplementationSpecific"),
            Param("Path", "/"),
        };
        if (!string.IsNullOrEmpty(draft.TlsSecretName))
        {
            networkConf.Add(Param("TlsHosts", draft.HostPattern));
            networkConf.Add(Param("TlsSecretName", draft.TlsSecretName));
        }

        networkConf.Add(Param("Annotation", IngressAnnotations.Entry(IngressAnnotations.AuthUrl, IngressAnnotations.AuthUrlFor(rules.PublicUrl))));
        networkConf.Add(Param("Annotation", IngressAnnotations.Entry(IngressAnnotations.AuthSignin, IngressAnnotations.AuthSigninFor(rules.PublicUrl))));
        networkConf.Add(Param("Annotation", IngressAnnotations.Entry(IngressAnnotations.AuthResponseHeaders, IngressAnnotations.ResponseHeaders)));

        return new JsonObject
        {
            ["apiVersion"] = "game.kruise.io/v1alpha1",
            ["kind"] = "GameServerSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = draft.Name,
                ["namespace"] = draft.Namespace,
                ["labels"] = labels,
                ["annotations"] = annotations,
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["scaleStrategy"] = new JsonObject { ["scaleDownStrategyType"] = "ReserveIds" },
                ["updateStrategy"] = new JsonObject
                {
                    ["rollingUpdate"] = new JsonObject { ["podUpdatePolicy"] = "InPlaceIfPossible", ["maxUnavailable"] = "100%" },
                },
                ["gameServerTemplate"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "aigc-gateway" } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
                    ["volumeClaimTemplates"] = new JsonArray(new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["name"] = DataVolumeName },
                        ["spec"] = claimSpec,
                    }),
                },
                ["network"] = new JsonObject
                {
                    ["networkType"] = "Kubernetes-Ingress",
                    ["networkConf"] = networkConf,
                },
            },
        };
    }

    /// <summary>Durations as Go writes them for the idle-timeout annotation: 90m -> 1h30m.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var hours = (int)duration.TotalHours;
        var minutes = duration.Minutes;
        return (hours, minutes) switch
        {
            (0, _) => $"{(int)duration.TotalMinutes}m",
            (_, 0) => $"{hours}h",
            _ => $"{hours}h{minutes}m",
        };
    }

    private static JsonObject Param(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static void AddIfSet(JsonObject target, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            target[key] = value.Trim();
        }
    }
}
