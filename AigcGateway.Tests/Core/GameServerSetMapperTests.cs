using System.Text.Json;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using k8s;

namespace AigcGateway.Tests.Core;

public sealed class GameServerSetMapperTests
{
    private static GameServerSet Fixture() => KubernetesJson.Deserialize<GameServerSet>(Core.Fixture.Read("gameserverset-ingress-reserveids.json"));

    private static GameServerSet With(Action<GameServerSet> change)
    {
        var gss = Fixture();
        change(gss);
        return gss;
    }

    /// <summary>The fixture with the forward-auth annotations a protected template needs (bound auth-url, response headers), then <paramref name="change"/>.</summary>
    private static GameServerSet Protected(Action<GameServerSet> change) => With(g =>
    {
        var conf = g.Spec.Network!.NetworkConf!;
        conf.RemoveAll(c => c.Value?.StartsWith("nginx.ingress.kubernetes.io/auth-url:", StringComparison.Ordinal) == true);
        conf.Add(new() { Name = "Annotation", Value = "nginx.ingress.kubernetes.io/auth-url: https://dashboard.example.com/auth?host=$host" });
        conf.Add(new() { Name = "Annotation", Value = "nginx.ingress.kubernetes.io/auth-response-headers: X-Auth-Request-User,X-Auth-Request-Email,Cookie" });
        change(g);
    });

    [Fact]
    public void The_api_object_maps_to_a_template_with_its_desired_state()
    {
        var state = GameServerSetMapper.ToState(Fixture(), ConformanceRules.Unknown);

        state.Ref.ShouldBe(new TemplateRef("default", "sd-cpu"));
        state.Replicas.ShouldBe(2);
        state.Reserved.ToString().ShouldBe("1,3-5");
        state.ReserveFormat.ShouldBe(ReserveIdFormat.Ranges);
        state.ResourceVersion.ShouldBe("918273");
        state.Owners.ShouldBeEmpty();
    }

    private static readonly ConformanceRules ThisGateway = new(new Uri("https://dashboard.example.com"));

    /// <summary>The object as a real server returns it: a template written before the ?host=$host binding.</summary>
    [Fact]
    public void The_api_object_of_a_template_written_before_the_host_binding_is_not_protected_until_it_is_edited()
    {
        var template = GameServerSetMapper.ToState(Fixture(), ThisGateway).Template;

        template.Problems.Where(p => p.Severity == ConformanceSeverity.Error).Select(p => p.Code).ShouldBe([ConformanceCode.HostBindingMissing]);
        template.Problems.Where(p => p.Severity == ConformanceSeverity.Warning).Select(p => p.Code)
            .ShouldBe([ConformanceCode.IdentityHeaderNotReplaced, ConformanceCode.AccessCookieReachesEngine]);
        template.IsInstallable.ShouldBeFalse();
        template.CanBeProtected.ShouldBeTrue();
        template.IsProtected.ShouldBeFalse();
    }

    [Fact]
    public void The_api_object_with_the_current_annotations_is_a_conforming_protected_template()
    {
        var gss = KubernetesJson.Deserialize<GameServerSet>(Core.Fixture.CurrentTemplate());

        var template = GameServerSetMapper.ToState(gss, ThisGateway).Template;

        template.Problems.ShouldBeEmpty();
        template.IsInstallable.ShouldBeTrue();
        template.IsProtected.ShouldBeTrue();
        template.DisplayName.ShouldBe("sd-cpu");
        template.DataVolumeNames.ShouldBe(["user-data"]);
        template.Resources.DataVolumeSize.ShouldBe("50Gi");
    }

    [Fact]
    public void Display_annotations_are_read()
    {
        var gss = With(g =>
        {
            g.Metadata.Annotations[TemplateAnnotations.DisplayName] = "Stable Diffusion (CPU)";
            g.Metadata.Annotations[TemplateAnnotations.Description] = "Draw pictures.";
            g.Metadata.Annotations[TemplateAnnotations.Icon] = "Brush";
            g.Metadata.Annotations[TemplateAnnotations.GpuType] = "NVIDIA A10";
            g.Metadata.Annotations[TemplateAnnotations.IdleTimeout] = "1h30m";
        });

        var template = GameServerSetMapper.ToState(gss, ConformanceRules.Unknown).Template;

        template.DisplayName.ShouldBe("Stable Diffusion (CPU)");
        template.Description.ShouldBe("Draw pictures.");
        template.Icon.ShouldBe("Brush");
        template.GpuType.ShouldBe("NVIDIA A10");
        template.IdleTimeout.ShouldBe(TimeSpan.FromMinutes(90));
    }

    [Theory]
    [InlineData("12h", "25", 12.0, 25.0)]
    [InlineData("90m", "12.5%", 1.5, 12.5)]
    [InlineData("forever", "150", null, null)]
    [InlineData("", "-1", null, null)]
    public void The_idle_settings_are_read_and_invalid_ones_fall_back_to_the_defaults(string maxKeepRunning, string busyPercent, double? hours, double? percent)
    {
        var gss = With(g =>
        {
            g.Metadata.Annotations[TemplateAnnotations.MaxKeepRunning] = maxKeepRunning;
            g.Metadata.Annotations[TemplateAnnotations.BusyGpuPercent] = busyPercent;
            g.Metadata.Annotations[AigcGateway.Core.Idle.AutoPauseAnnotations.KeyFor(3)] = "{\"pausedAt\":\"2026-12-03T15:40:00Z\",\"timeoutSeconds\":3600}";
        });

        var state = GameServerSetMapper.ToState(gss, ConformanceRules.Unknown);

        state.Template.MaxKeepRunning.ShouldBe(hours is { } h ? TimeSpan.FromHours(h) : null);
        state.Template.BusyGpuPercent.ShouldBe(percent);
        state.AutoPauses[3].PausedAt.ShouldBe(new DateTimeOffset(2026, 12, 3, 15, 40, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Hostile_display_annotations_reach_the_catalog_cleaned_capped_and_reported_without_blocking_installs()
    {
        var gss = Protected(g =>
        {
            g.Metadata.Annotations[TemplateAnnotations.DisplayName] = "Stable \u202EDiffusion";
            g.Metadata.Annotations[TemplateAnnotations.Description] = new string('d', 2000);
            g.Metadata.Annotations[TemplateAnnotations.Icon] = "/sign-out";
            g.Metadata.Annotations[TemplateAnnotations.GpuType] = "A10\u2066";
        });

        var template = GameServerSetMapper.ToState(gss, ConformanceRules.Unknown).Template;

        template.DisplayName.ShouldBe("Stable Diffusion");
        template.Description!.Length.ShouldBe(TemplateDisplay.MaxDescriptionLength);
        template.Icon.ShouldBeNull();
        template.GpuType.ShouldBe("A10");
        template.Problems.Select(p => p.Code).ShouldBe(
            [ConformanceCode.DisplayTextHidden, ConformanceCode.DisplayTextTooLong, ConformanceCode.IconNotAccepted, ConformanceCode.DisplayTextHidden],
            ignoreOrder: true);
        template.IsInstallable.ShouldBeTrue();
    }

    [Fact]
    public void Gpu_cpu_and_memory_limits_are_summarised()
    {
        var gss = With(g => g.Spec.GameServerTemplate!.Spec = JsonDocument.Parse("""
            {"containers":[{"name":"a","resources":{"limits":{"nvidia.com/gpu":"1","cpu":"4","memory":"16Gi"}}},
                           {"name":"b","resources":{"limits":{"nvidia.com/gpu":1}}}]}
            """).RootElement.Clone());

        var resources = GameServerSetMapper.ToState(gss, ConformanceRules.Unknown).Template.Resources;

        resources.GpuCount.ShouldBe(2);
        resources.Cpu.ShouldBe("4");
        resources.Memory.ShouldBe("16Gi");
        resources.GpuMemoryGiB.ShouldBeNull();
    }

    [Fact]
    public void Shared_gpu_memory_is_read_in_gib()
    {
        var gss = With(g => g.Spec.GameServerTemplate!.Spec = JsonDocument.Parse("""
            {"containers":[{"name":"a","resources":{"limits":{"aliyun.com/gpu-mem":3}}}]}
            """).RootElement.Clone());

        GameServerSetMapper.ToState(gss, ConformanceRules.Unknown).Template.Resources.GpuMemoryGiB.ShouldBe(3);
    }

    [Fact]
    public void A_plain_reserve_list_keeps_the_plain_form()
    {
        var gss = With(g => g.Spec.ReserveGameServerIds = [JsonSerializer.SerializeToElement(1), JsonSerializer.SerializeToElement(3)]);

        GameServerSetMapper.ToState(gss, ConformanceRules.Unknown).ReserveFormat.ShouldBe(ReserveIdFormat.Plain);
    }

    [Fact]
    public void A_malformed_reserve_list_makes_the_template_not_installable()
    {
        var gss = With(g => g.Spec.ReserveGameServerIds = [JsonSerializer.SerializeToElement("x-y")]);

        GameServerSetMapper.ToState(gss, ConformanceRules.Unknown).Template.IsInstallable.ShouldBeFalse();
    }

    [Fact]
    public void Scale_down_deleting_volumes_is_not_installable()
    {
        var gss = With(g => g.Spec.PersistentVolumeClaimRetentionPolicy = new PvcRetentionPolicy { WhenScaled = "Delete" });

        GameServerSetMapper.ToState(gss, ConformanceRules.Unknown).Template.Problems.ShouldContain(p => p.Code == ConformanceCode.ScaleDownDeletesData);
    }

    [Fact]
    public void The_ownership_annotation_is_read()
    {
        var gss = With(g => g.Metadata.Annotations[TemplateAnnotations.Owners] = """{"0":"u1","2":"u2"}""");

        GameServerSetMapper.ToState(gss, ConformanceRules.Unknown).Owners.ShouldBe(new Dictionary<int, string> { [0] = "u1", [2] = "u2" });
    }

    [Fact]
    public void A_truncated_ownership_annotation_gives_no_owners_and_makes_the_template_not_installable()
    {
        var gss = Protected(g => g.Metadata.Annotations[TemplateAnnotations.Owners] = """{"0":"u1","2":""");

        var state = GameServerSetMapper.ToState(gss, ConformanceRules.Unknown);

        state.Owners.ShouldBeEmpty();
        state.Template.IsInstallable.ShouldBeFalse();
        var problem = state.Template.Problems.ShouldHaveSingleItem();
        problem.Code.ShouldBe(ConformanceCode.InvalidOwnershipRecord);
        problem.Message.ShouldContain(TemplateAnnotations.Owners);
    }

    [Fact]
    public void A_write_changes_replicas_reserve_list_and_owners_only()
    {
        var original = Fixture();
        var write = new TemplateWrite(3, ReserveIdSet.Of(1, 3, 4), OwnershipRecord.Empty.Add(0, "u1"), ReserveIdFormat.Ranges);

        var updated = GameServerSetMapper.ApplyWrite(original, write);

        var json = JsonNodeOf(updated);
        json["spec"]!["replicas"]!.GetValue<int>().ShouldBe(3);
        json["spec"]!["reserveGameServerIds"]!.ToJsonString().ShouldBe("""[1,"3-4"]""");
        json["metadata"]!["annotations"]![TemplateAnnotations.Owners]!.GetValue<string>().ShouldBe("""{"0":"u1"}""");
        json["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe("918273");
        original.Spec.Replicas.ShouldBe(2);
    }

    [Fact]
    public void A_write_keeps_every_field_the_gateway_does_not_model()
    {
        var original = JsonNodeOf(Fixture());
        var write = new TemplateWrite(2, ReserveIdSet.Parse(["1", "3-5"]).Ids, OwnershipRecord.Empty, ReserveIdFormat.Ranges);

        var updated = JsonNodeOf(GameServerSetMapper.ApplyWrite(Fixture(), write));

        updated["spec"]!.ToJsonString().ShouldBe(original["spec"]!.ToJsonString());
        updated["status"]!.ToJsonString().ShouldBe(original["status"]!.ToJsonString());
    }

    [Fact]
    public void An_annotation_change_sets_and_removes_annotations_and_leaves_the_desired_state_and_the_record_alone()
    {
        var original = Fixture();
        original.Metadata.Annotations[TemplateAnnotations.Owners] = "not a record";
        original.Metadata.Annotations[TemplateAnnotations.Icon] = "/icons/old.svg";
        var change = new TemplateChange().MarkDeletion(AigcGateway.Core.Administration.TemplateDeletionMode.DeleteVolumes).Annotate(TemplateAnnotations.Icon, null);

        var updated = GameServerSetMapper.ApplyWrite(original, change);

        var json = JsonNodeOf(updated);
        json["spec"]!.ToJsonString().ShouldBe(JsonNodeOf(original)["spec"]!.ToJsonString());
        json["metadata"]!["annotations"]![TemplateAnnotations.Owners]!.GetValue<string>().ShouldBe("not a record");
        json["metadata"]!["annotations"]!.AsObject().ContainsKey(TemplateAnnotations.Icon).ShouldBeFalse();
        GameServerSetMapper.ToState(updated, ConformanceRules.Unknown).Deletion.ShouldBe(AigcGateway.Core.Administration.TemplateDeletionMode.DeleteVolumes);
        GameServerSetMapper.ToState(original, ConformanceRules.Unknown).Deletion.ShouldBeNull();
    }

    [Fact]
    public void The_ownership_record_is_never_an_annotation_change()
    {
        Should.Throw<ArgumentException>(() => new TemplateChange().Annotate(TemplateAnnotations.Owners, "{}"));
    }

    [Fact]
    public void The_plain_form_is_written_as_ints()
    {
        var write = new TemplateWrite(1, ReserveIdSet.Of(3, 4), OwnershipRecord.Empty, ReserveIdFormat.Plain);

        JsonNodeOf(GameServerSetMapper.ApplyWrite(Fixture(), write))["spec"]!["reserveGameServerIds"]!.ToJsonString().ShouldBe("[3,4]");
    }

    private static System.Text.Json.Nodes.JsonNode JsonNodeOf(GameServerSet gss) =>
        System.Text.Json.Nodes.JsonNode.Parse(KubernetesJson.Serialize(gss))!;
}
