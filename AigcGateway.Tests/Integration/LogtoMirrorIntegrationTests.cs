using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Integration;

/// <summary>The user -> instance mapping kept in Logto customData, end to end through both emulators.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class LogtoMirrorIntegrationTests
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");
    private static readonly string Alice = LogtoDemoUsers.Alice.Id;

    private static JsonNode? Entry(GatewayAppFactory app) => app.Logto.GetCustomData(Alice)["aigc-sd-cpu"];

    [Fact]
    public async Task Install_and_uninstall_are_mirrored_in_the_original_gateways_format()
    {
        await using var app = new GatewayAppFactory();
        var instances = app.Services.GetRequiredService<IInstanceService>();
        await instances.WaitForReadyAsync();

        var installed = await instances.InstallAsync(Alice, SdCpu, Xunit.TestContext.Current.CancellationToken);
        installed.Succeeded.ShouldBeTrue();
        await Eventually.HoldsAsync(() => Entry(app) is JsonObject, "alice's customData has the sd-cpu entry");
        JsonNode.DeepEquals(
            Entry(app),
            JsonNode.Parse($$"""{"Name":"sd-cpu","Namespace":"aigc","ID":"{{installed.Instance!.Id}}","Type":""}""")).ShouldBeTrue(Entry(app)!.ToJsonString());

        await instances.WaitForStateAsync(Alice, SdCpu, InstanceState.Running);
        (await instances.UninstallAsync(Alice, installed.Instance, Xunit.TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
        await Eventually.HoldsAsync(() => app.Logto.GetCustomData(Alice).ContainsKey("aigc-sd-cpu") && Entry(app) is null, "the entry is null, as the original wrote on uninstall");
    }

    [Fact]
    public async Task An_instance_known_only_to_logto_from_the_earlier_gateway_is_adopted_at_start()
    {
        await using var app = new GatewayAppFactory();
        // The earlier gateway installed sd-cpu #0 for alice: the id runs, its owner is recorded only in her customData.
        await EarlierGatewayState.RunInstancesAsync(app.Kubernetes.BaseAddress, "aigc", "sd-cpu", 1);

        app.Logto.SetCustomData(Alice, new JsonObject
        {
            ["aigc-sd-cpu"] = new JsonObject { ["Name"] = "sd-cpu", ["Namespace"] = "aigc", ["ID"] = "0", ["Type"] = "" },
        });

        var instances = app.Services.GetRequiredService<IInstanceService>();
        var adopted = await instances.WaitForStateAsync(Alice, SdCpu, InstanceState.Running, TimeSpan.FromSeconds(30));

        adopted.Ref.Id.ShouldBe(0);
        adopted.Owner.ShouldBe(Alice);
        (await instances.DashboardAsync(LogtoDemoUsers.Bob.Id)).Instances.ShouldBeEmpty();
        using var client = new HttpClient { BaseAddress = app.Kubernetes.BaseAddress };
        var gss = await client.GetFromJsonAsync<JsonObject>(
            new Uri("apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets/sd-cpu", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);
        gss!["metadata"]!["annotations"]!["aigc-gateway.io/owners"]!.GetValue<string>().ShouldContain(Alice);
    }
}
