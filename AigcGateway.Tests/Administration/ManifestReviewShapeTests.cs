using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Administration;

/// <summary>Manifests of the wrong shape are reviewed into messages naming each path, never into an exception.</summary>
public sealed class ManifestReviewShapeTests
{
    private const string Head = "apiVersion: game.kruise.io/v1alpha1\nkind: GameServerSet\n";
    private const string Metadata = "metadata: {name: sd, namespace: aigc}\n";

    private readonly SnapshotHub _hub = new();
    private readonly IAdministration _admin;

    public ManifestReviewShapeTests()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        var cluster = new FakeCluster(_hub);
        var instances = new InstanceService(_hub, cluster, new FakeMirror(), new LifecycleOptions(), TimeProvider.System, NullLogger<InstanceService>.Instance);
        var store = new ConformanceOnlyStore();
        var options = new AdministrationOptions();
        var audit = new AuditTrail(store, TimeProvider.System, NullLogger<AuditTrail>.Instance);
        var rules = new TemplateRules(["aigc"], ".aigc.test", new Uri("https://dashboard.aigc.test"), ImmutableDictionary<string, string>.Empty);
        _admin = new AdministrationService(instances, _hub, store, cluster, null, Microsoft.Extensions.Options.Options.Create(rules), options, audit,
            new TemplateWriter(_hub, cluster, new LifecycleOptions(), TimeProvider.System, NullLogger<TemplateWriter>.Instance), TimeProvider.System, NullLogger<AdministrationService>.Instance);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static JsonObject Read(string yaml)
    {
        ManifestYaml.TryRead(yaml, out var manifest, out var problem).ShouldBeTrue(problem?.ToString());
        return manifest!;
    }

    [Theory]
    [InlineData(Head + "metadata: 5\nspec: {}\n", "metadata must be a mapping")]
    [InlineData(Head + Metadata + "spec: []\n", "spec must be a mapping")]
    [InlineData(Head + "metadata: {name: [1], namespace: aigc}\nspec: {}\n", "metadata.name must be text")]
    [InlineData(Head + "metadata: {name: sd, namespace: {a: b}}\nspec: {}\n", "metadata.namespace must be text")]
    [InlineData(Head + Metadata + "spec: {replicas: \"x\"}\n", "spec.replicas must be a whole number from 0 to 2147483647")]
    [InlineData(Head + Metadata + "spec: {replicas: -1}\n", "spec.replicas must be a whole number from 0 to 2147483647")]
    [InlineData(Head + Metadata + "spec: {replicas: 1.5}\n", "spec.replicas must be a whole number")]
    [InlineData(Head + Metadata + "spec: {replicas: 99999999999}\n", "spec.replicas must be a whole number")]
    [InlineData(Head + "metadata: {name: sd, namespace: aigc, annotations: {aigc-gateway.io/icon: 5}}\nspec: {}\n", "metadata.annotations[\"aigc-gateway.io/icon\"] must be text")]
    [InlineData(Head + "metadata: {name: sd, namespace: aigc, labels: [a]}\nspec: {}\n", "metadata.labels must be a mapping")]
    [InlineData(Head + Metadata + "spec: {reserveGameServerIds: [1, \"3-5\", [2]]}\n", "spec.reserveGameServerIds[2] must be a whole number or a range")]
    [InlineData(Head + Metadata + "spec: {reserveGameServerIds: 7}\n", "spec.reserveGameServerIds must be a list")]
    [InlineData(Head + Metadata + "spec: {scaleStrategy: ReserveIds}\n", "spec.scaleStrategy must be a mapping")]
    [InlineData(Head + Metadata + "spec: {scaleStrategy: {scaleDownStrategyType: [ReserveIds]}}\n", "spec.scaleStrategy.scaleDownStrategyType must be text")]
    [InlineData(Head + Metadata + "spec: {gameServerTemplate: []}\n", "spec.gameServerTemplate must be a mapping")]
    [InlineData(Head + Metadata + "spec: {gameServerTemplate: {spec: 1}}\n", "spec.gameServerTemplate.spec must be a mapping")]
    [InlineData(Head + Metadata + "spec: {gameServerTemplate: {volumeClaimTemplates: {a: 1}}}\n", "spec.gameServerTemplate.volumeClaimTemplates must be a list")]
    [InlineData(Head + Metadata + "spec: {gameServerTemplate: {volumeClaimTemplates: [x]}}\n", "spec.gameServerTemplate.volumeClaimTemplates[0] must be a mapping")]
    [InlineData(Head + Metadata + "spec: {network: [Kubernetes-Ingress]}\n", "spec.network must be a mapping")]
    [InlineData(Head + Metadata + "spec: {network: {networkConf: {Host: a}}}\n", "spec.network.networkConf must be a list")]
    [InlineData(Head + Metadata + "spec: {network: {networkConf: [{name: Port, value: 7860}]}}\n", "spec.network.networkConf[0].value must be text")]
    [InlineData(Head + Metadata + "spec: {persistentVolumeClaimRetentionPolicy: {whenScaled: true}}\n", "spec.persistentVolumeClaimRetentionPolicy.whenScaled must be text")]
    [InlineData("apiVersion: [1]\nkind: GameServerSet\n" + Metadata + "spec: {}\n", "apiVersion must be text")]
    [InlineData(Head + "metadata: {name: sd, namespace: aigc, generation: x}\nspec: {}\n", "metadata.generation must be a whole number")]
    [InlineData(Head + "metadata: {name: sd, namespace: aigc, creationTimestamp: [1]}\nspec: {}\n", "metadata.creationTimestamp must be text")]
    public void A_field_of_the_wrong_type_is_named_with_its_path(string yaml, string message)
    {
        var review = _admin.Review(Read(yaml));

        review.CanApply.ShouldBeFalse();
        review.Errors.ShouldContain(e => e.StartsWith(message, StringComparison.Ordinal), string.Join(" | ", review.Errors));
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        var review = _admin.Review(Read(Head + "metadata: {name: [1], namespace: aigc, labels: 3}\nspec: {replicas: x, network: []}\n"));

        review.Errors.Count(e => e.Contains(" must be ", StringComparison.Ordinal)).ShouldBe(4);
    }

    [Fact]
    public void A_well_shaped_manifest_has_no_shape_errors()
    {
        var review = _admin.Review(Read(Head + Metadata + """
            spec:
              replicas: 0
              reserveGameServerIds: [1, "3-5"]
              scaleStrategy: {scaleDownStrategyType: ReserveIds}
              gameServerTemplate:
                spec: {containers: [{name: app, image: sd}]}
                volumeClaimTemplates: [{metadata: {name: user-data}}]
              network:
                networkType: Kubernetes-Ingress
                networkConf: [{name: Host, value: "sd-<id>.aigc.test"}]
            """));

        review.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_manifest_from_the_form_builder_has_no_shape_errors()
    {
        var manifest = TemplateManifestBuilder.Build(
            new TemplateDraft { Name = "sd", Namespace = "aigc", DisplayName = "SD", Image = "sd:1", HostPattern = "sd-<id>.aigc.test", Gpu = GpuMode.Whole },
            new TemplateRules(["aigc"], ".aigc.test", new Uri("https://dashboard.aigc.test"), ImmutableDictionary<string, string>.Empty));
        manifest["spec"]!["reserveGameServerIds"] = new JsonArray(1, 3);

        ManifestShape.Check(manifest).ShouldBeEmpty();
        _admin.Review(manifest).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void The_impact_of_an_edit_with_a_spec_of_the_wrong_type_is_computed_without_throwing()
    {
        var basis = new TemplateEditBasis(new TemplateRef("aigc", "sd"), Read(Head + Metadata + "spec: {replicas: 0}\n"), "1");

        _admin.ImpactOfEdit(basis, Read(Head + Metadata + "spec: []\n")).PodTemplateChanged.ShouldBeFalse();
    }

    [Fact]
    public async Task Saving_an_edit_with_metadata_of_the_wrong_type_is_refused_not_thrown()
    {
        var basis = new TemplateEditBasis(new TemplateRef("aigc", "sd"), Read(Head + Metadata + "spec: {replicas: 0}\n"), "1");

        var result = await _admin.UpdateTemplateAsync("Ada", basis, Read(Head + "metadata: 5\nspec: {}\n"), Ct);

        result.Error.ShouldBe(TemplateWriteError.Invalid);
        result.Problems.ShouldContain(p => p.StartsWith("metadata must be a mapping", StringComparison.Ordinal));
    }

    [Fact]
    public void Over_long_or_hidden_display_text_in_yaml_is_refused_with_the_form_messages()
    {
        var review = _admin.Review(Read(Head + $$"""
            metadata:
              name: sd
              namespace: aigc
              annotations:
                aigc-gateway.io/display-name: "SD \u202Egnp.exe"
                aigc-gateway.io/description: {{new string('d', 501)}}
            spec: {}
            """));

        review.CanApply.ShouldBeFalse();
        review.Errors.ShouldContain(e => e.Contains("U+202E", StringComparison.Ordinal));
        review.Errors.ShouldContain(e => e.Contains("500 characters", StringComparison.Ordinal));
        review.Problems.ShouldNotContain(p => p.Code == ConformanceCode.DisplayTextHidden || p.Code == ConformanceCode.DisplayTextTooLong);
    }

    [Theory]
    [InlineData("/sign-out")]
    [InlineData("https://dashboard.aigc.test/sign-out")]
    public void An_icon_that_is_not_accepted_is_a_warning_in_the_review(string icon)
    {
        var review = _admin.Review(Read(Head + $"metadata:\n  name: sd\n  namespace: aigc\n  annotations:\n    aigc-gateway.io/icon: \"{icon}\"\nspec: {{}}\n"));

        review.Problems.Where(p => p.Code == ConformanceCode.IconNotAccepted).ShouldHaveSingleItem().Severity.ShouldBe(ConformanceSeverity.Warning);
    }

    [Fact]
    public void The_template_list_warns_about_an_icon_on_the_dashboards_host()
    {
        var cluster = new FakeCluster(_hub, TestTemplates.Template() with { Icon = "https://dashboard.aigc.test/sign-out" });

        var listed = _admin.ListTemplates().Single(t => t.Ref == cluster.Ref);

        listed.Template.Problems.ShouldContain(p => p.Code == ConformanceCode.IconNotAccepted);
        listed.Template.Icon.ShouldBeNull();
    }

    /// <summary>Review needs only the conformance reading; anything else would be a write the test does not expect.</summary>
    private sealed class ConformanceOnlyStore : ITemplateAdminStore
    {
        public ImmutableArray<ConformanceProblem> Conformance(JsonObject manifest) => AdminManifests.Conformance(manifest, ConformanceRules.Unknown);

        public Task<TemplateEditBasis?> ReadAsync(TemplateRef template, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CreateAsync(JsonObject manifest, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReplaceAsync(JsonObject manifest, string resourceVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(TemplateRef template, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RecordEventAsync(TemplateRef template, AuditEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
