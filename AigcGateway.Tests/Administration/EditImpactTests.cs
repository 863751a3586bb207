using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;

namespace AigcGateway.Tests.Administration;

/// <summary>What saving an edited template does to running instances, as OKG rolls them out.</summary>
public sealed class EditImpactTests
{
    private static JsonObject Gss(string? policy = null, string image = "engine:1", string authUrl = "https://dashboard.example.com/auth") => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "sd", ["annotations"] = new JsonObject { ["aigc-gateway.io/display-name"] = "SD" } },
        ["spec"] = new JsonObject
        {
            ["updateStrategy"] = policy is null ? null : new JsonObject { ["rollingUpdate"] = new JsonObject { ["podUpdatePolicy"] = policy } },
            ["gameServerTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }) } },
            ["network"] = new JsonObject
            {
                ["networkType"] = "Kubernetes-Ingress",
                ["networkConf"] = new JsonArray(new JsonObject { ["name"] = "Annotation", ["value"] = $"nginx.ingress.kubernetes.io/auth-url: {authUrl}" }),
            },
        },
    };

    [Fact]
    public void Display_metadata_restarts_nothing()
    {
        var edited = Gss();
        edited["metadata"]!["annotations"]!["aigc-gateway.io/display-name"] = "Stable Diffusion";

        EditImpact.Of(Gss(), edited, runningInstances: 3).ShouldBe(new EditImpact(false, 0));
    }

    [Fact]
    public void A_pod_template_change_restarts_the_running_instances()
    {
        EditImpact.Of(Gss(), Gss(image: "engine:2"), runningInstances: 3).ShouldBe(new EditImpact(true, 3));
    }

    /// <summary>OKG copies spec.network into the pod template's annotations: under ReCreate (the default) the pods are recreated.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("ReCreate")]
    public void A_network_change_restarts_the_running_instances_unless_they_update_in_place(string? policy)
    {
        EditImpact.Of(Gss(policy), Gss(policy, authUrl: "https://dashboard.example.com/auth?host=$host"), runningInstances: 2)
            .ShouldBe(new EditImpact(true, 2));
    }

    [Theory]
    [InlineData("InPlaceIfPossible")]
    [InlineData("InPlaceOnly")]
    public void A_network_change_under_an_in_place_policy_restarts_nothing(string policy)
    {
        EditImpact.Of(Gss(policy), Gss(policy, authUrl: "https://dashboard.example.com/auth?host=$host"), runningInstances: 2)
            .ShouldBe(new EditImpact(false, 0));
    }
}
