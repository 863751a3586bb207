using AigcGateway.Tests.Infrastructure;
using System.Net;
using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Admin;

/// <summary>
/// A field the CRD schema does not know is refused by name, not silently pruned (the emulator prunes with a warning
/// by default, as a real API server does): the administration sends <c>fieldValidation=Strict</c>.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class StrictFieldValidationTests : IAsyncLifetime
{
    private const string Actor = "Demo Administrator (admindemo003)";
    private readonly AdminGatewayAppFactory _factory = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IAdministration Admin => _factory.Services.GetRequiredService<IAdministration>();

    public async ValueTask InitializeAsync()
    {
        _factory.Start();
        (await _factory.Services.GetRequiredService<SnapshotHub>().WaitForAsync(s => s.IsReady, TimeSpan.FromSeconds(30), TimeProvider.System, Ct)).ShouldBeTrue();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private JsonObject Manifest(string name) => TemplateManifestBuilder.Build(
        new TemplateDraft
        {
            Name = name,
            Namespace = "aigc",
            DisplayName = "Strict " + name,
            Image = "registry.example.com/aigc/webui:1.0",
            Gpu = GpuMode.None,
            Cpu = "1",
            Memory = "1Gi",
            VolumeSize = "1Gi",
            HostPattern = name + "-<id>.localhost",
        },
        Admin.Rules);

    private async Task<HttpStatusCode> StatusOfAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = _factory.Kubernetes.BaseAddress };
        using var response = await http.GetAsync(new Uri($"apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets/{name}", UriKind.Relative), Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Creating_a_manifest_with_a_field_the_crd_does_not_know_is_refused_naming_the_field()
    {
        var manifest = Manifest("strict-create");
        manifest["spec"]!["foo"] = 1; // e.g. mis-indented YAML

        var result = await Admin.CreateTemplateAsync(Actor, manifest, Ct);

        result.Succeeded.ShouldBeFalse("nothing is created with a field silently dropped");
        result.Error.ShouldBe(TemplateWriteError.UnknownField);
        result.Detail.ShouldBe("GameServerSet in version \"v1alpha1\" cannot be handled as a GameServerSet: strict decoding error: unknown field \"spec.foo\"");
        (await StatusOfAsync("strict-create")).ShouldBe(HttpStatusCode.NotFound);
        _factory.Kubernetes.Requests.Recent.ShouldContain(r => r.Method == "POST" && r.Path.EndsWith("/gameserversets", StringComparison.Ordinal)
            && r.Query.Contains("fieldValidation=Strict", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Saving_an_edit_with_a_field_the_crd_does_not_know_is_refused_and_changes_nothing()
    {
        var template = new TemplateRef("aigc", "strict-edit");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();
        var basis = (await Admin.ReadTemplateAsync(template, Ct))!;
        var edited = (JsonObject)basis.Manifest.DeepClone();
        edited["spec"]!["network"]!["networkconf"] = new JsonArray(); // wrong case: OKG reads networkConf

        var result = await Admin.UpdateTemplateAsync(Actor, basis, edited, Ct);

        result.Error.ShouldBe(TemplateWriteError.UnknownField);
        result.Detail.ShouldNotBeNull().ShouldEndWith("strict decoding error: unknown field \"spec.network.networkconf\"");
        var stored = (await Admin.ReadTemplateAsync(template, Ct))!;
        stored.ResourceVersion.ShouldBe(basis.ResourceVersion, "nothing was written");
    }
}
