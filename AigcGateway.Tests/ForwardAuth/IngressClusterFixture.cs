using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Tests.Infrastructure.Ingress;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>
/// One cluster behind nginx rendered as ingress-nginx renders it, shared by the forward-auth tests of
/// <see cref="IngressClusterCollection"/>. Templates, as the administration form writes them (<c>lab</c>) or as
/// docs/templates.md shows path-based ones (<c>pool</c>, <c>pool2</c>), and an older path-based template
/// (<c>shared</c>, <c>/u-&lt;id&gt;</c> without a trailing slash) with instance 1 running and 11 paused.
/// </summary>
public sealed class IngressClusterFixture : IAsyncLifetime
{
    public static readonly string Alice = LogtoDemoUsers.Alice.Id;
    public static readonly string Bob = LogtoDemoUsers.Bob.Id;

    public IngressClusterEnvironment Env { get; private set; } = null!;

    public int AliceLab { get; private set; }

    public int BobLab { get; private set; }

    public int AlicePool { get; private set; }

    public int BobPool2 { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Env = await IngressClusterEnvironment.StartAsync();
        await Env.CreateTemplateAsync(Template("lab"));
        await Env.CreateTemplateAsync(Template("pool", host: "pool.aigc.test", path: "/u-<id>/"));
        await Env.CreateTemplateAsync(Template("pool2", host: "pool2.aigc.test", path: "/u-<id>/"));
        var shared = Template("shared", host: "shared.aigc.test", path: "/u-<id>");
        shared["spec"]!["replicas"] = 1;
        shared["spec"]!["reserveGameServerIds"] = new JsonArray(0, "2-11");
        shared["metadata"]!["annotations"]![TemplateAnnotations.Owners] = OwnershipRecord.Format([new(1, Alice), new(11, Bob)]);
        await Env.CreateTemplateAsync(shared);

        AliceLab = await InstallAsync(Alice, "lab");
        BobLab = await InstallAsync(Bob, "lab");
        AlicePool = await InstallAsync(Alice, "pool");
        BobPool2 = await InstallAsync(Bob, "pool2");
        await Env.WaitUntilPublishedAsync("shared", 1);
        await Env.PublishAsync(("lab", [AliceLab, BobLab]), ("pool", [AlicePool]), ("pool2", [BobPool2]), ("shared", [1]));
    }

    public ValueTask DisposeAsync() => Env.DisposeAsync();

    /// <summary>The host of an instance of <c>lab</c> (one host per instance).</summary>
    public static string LabHost(int id) => $"lab-{id}.aigc.test";

    /// <summary>A GameServerSet as the administration form writes it for this gateway, optionally with another Host and Path.</summary>
    private JsonObject Template(string name, string? host = null, string? path = null)
    {
        var rules = new TemplateRules(["aigc"], ".aigc.test", new Uri(Env.PublicUrl), ImmutableDictionary<string, string>.Empty);
        var gss = TemplateManifestBuilder.Build(
            new TemplateDraft
            {
                Name = name,
                Namespace = IngressClusterEnvironment.Namespace,
                DisplayName = name,
                Image = "registry.example.com/aigc/engine:1",
                HostPattern = $"{name}-<id>.aigc.test",
                Cpu = "1",
                Memory = "1Gi",
                VolumeSize = "1Gi",
            },
            rules);
        foreach (var setting in gss["spec"]!["network"]!["networkConf"]!.AsArray())
        {
            switch (setting!["name"]!.GetValue<string>())
            {
                case "Host" when host is not null:
                    setting["value"] = host;
                    break;
                case "Path" when path is not null:
                    setting["value"] = path;
                    break;
            }
        }

        return gss;
    }

    private async Task<int> InstallAsync(string user, string template)
    {
        var instances = Env.Gateway.Services.GetRequiredService<IInstanceService>();
        var templateRef = new TemplateRef(IngressClusterEnvironment.Namespace, template);
        var result = await instances.InstallAsync(user, templateRef, Xunit.TestContext.Current.CancellationToken);
        result.Succeeded.ShouldBeTrue(result.Error.ToString());
        await instances.WaitForStateAsync(user, templateRef, InstanceState.Running);
        return result.Instance!.Id;
    }
}
