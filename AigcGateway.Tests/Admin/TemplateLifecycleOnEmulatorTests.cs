using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Admin;

/// <summary>Create and delete through <see cref="IAdministration"/> against the Kubernetes and Logto emulators.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class TemplateLifecycleOnEmulatorTests : IAsyncLifetime
{
    private const string Actor = "Demo Administrator (admindemo003)";
    private static readonly string Alice = LogtoDemoUsers.Alice.Id;
    private readonly AdminGatewayAppFactory _factory = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IAdministration Admin => _factory.Services.GetRequiredService<IAdministration>();

    private SnapshotHub Hub => _factory.Services.GetRequiredService<SnapshotHub>();

    public async ValueTask InitializeAsync()
    {
        _factory.Start();
        await WaitAsync(s => s.IsReady);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private JsonObject Manifest(string name) => TemplateManifestBuilder.Build(
        new TemplateDraft
        {
            Name = name,
            Namespace = "aigc",
            DisplayName = "Admin test " + name,
            Image = "registry.example.com/aigc/webui:1.0",
            Gpu = GpuMode.None,
            Cpu = "1",
            Memory = "1Gi",
            VolumeSize = "1Gi",
            HostPattern = name + "-<id>.localhost",
            Environment = [new EnvironmentVariable("MODE", "test")],
        },
        Admin.Rules);

    private Task WaitAsync(Func<ClusterSnapshot, bool> condition, [CallerArgumentExpression(nameof(condition))] string what = "") =>
        Hub.WaitUntilAsync(condition, TimeSpan.FromSeconds(30), what);

    /// <summary>Waits until the audit log (the database the Audit log page reads) holds the action, succeeded, on the template.</summary>
    private Task AuditedAsync(TemplateRef template, string action)
    {
        var query = _factory.Services.GetRequiredService<IAuditQuery>();
        var filter = new AuditFilter { Template = template.ToString(), Action = action, Outcome = AuditOutcome.Succeeded };
        return Eventually.HoldsAsync(async () => !(await query.PageAsync(filter, null, 10, Ct)).Entries.IsEmpty, $"the audit log records '{action}' on {template}");
    }

    private async Task<InstanceRef> InstallForAliceAsync(TemplateRef template)
    {
        var installed = await _factory.Services.GetRequiredService<IInstanceService>().InstallAsync(Alice, template, Ct);
        installed.Succeeded.ShouldBeTrue(installed.Detail);
        var instance = installed.Instance!;
        // the GameServer and the GameServerSet come on separate watches: wait for the ownership record too
        await WaitAsync(s => s.GameServer(instance)?.IsRunning == true && s.Volumes.Contains($"aigc/user-data-{template.Name}-{instance.Id}") && s.OwnerOf(instance) == Alice);
        var customData = _factory.Logto.GetCustomData(Alice);
        customData[template.LegacyCustomDataKey] = new JsonObject { ["Name"] = template.Name, ["Namespace"] = template.Namespace, ["ID"] = instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Type"] = "" };
        customData["theme"] = "dark";
        _factory.Logto.SetCustomData(Alice, customData);
        return instance;
    }

    [Fact]
    public async Task A_template_built_from_the_form_is_accepted_by_the_crd_schema_and_joins_the_catalog_unpruned()
    {
        var template = new TemplateRef("aigc", "admin-create");

        var result = await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct);

        result.Succeeded.ShouldBeTrue(result.Detail);
        await WaitAsync(s => s.Templates.ContainsKey(template));
        Admin.ListTemplates().Single(t => t.Ref == template).IsConformant.ShouldBeTrue();
        var stored = await Admin.ReadTemplateAsync(template, Ct);
        ManifestYaml.Write(stored!.Manifest).ShouldContain("MODE");
        await AuditedAsync(template, "created template");
    }

    [Fact]
    public async Task Creating_a_template_that_exists_says_so()
    {
        var manifest = Manifest("admin-twice");
        (await Admin.CreateTemplateAsync(Actor, manifest, Ct)).Succeeded.ShouldBeTrue();

        var again = await Admin.CreateTemplateAsync(Actor, manifest, Ct);

        again.Error.ShouldBe(TemplateWriteError.AlreadyExists);
    }

    [Fact]
    public async Task Deleting_a_template_removes_its_instances_volumes_records_and_the_users_customData_key()
    {
        var template = new TemplateRef("aigc", "admin-delete");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates.ContainsKey(template));
        var instance = await InstallForAliceAsync(template);
        Admin.ImpactOf(template).Users.ShouldBe([Alice]);
        var stages = new List<TemplateDeletionStage>();

        var result = await Admin.DeleteTemplateAsync(Actor, template, TemplateDeletionMode.DeleteVolumes, new Recorder(p => stages.Add(p.Stage)), Ct);

        result.Succeeded.ShouldBeTrue(result.Detail);
        (await Admin.ReadTemplateAsync(template, Ct)).ShouldBeNull();
        await WaitAsync(s => !s.Templates.ContainsKey(template) && s.GameServer(instance) is null && !s.Volumes.Contains($"aigc/user-data-{template.Name}-{instance.Id}"));
        var customData = _factory.Logto.GetCustomData(Alice);
        customData.ContainsKey(template.LegacyCustomDataKey).ShouldBeFalse();
        customData["theme"]!.GetValue<string>().ShouldBe("dark");
        stages.ShouldContain(TemplateDeletionStage.DeletingVolumes);
        stages[^1].ShouldBe(TemplateDeletionStage.Done);
    }

    [Fact]
    public async Task An_interrupted_deletion_is_listed_with_its_choice_and_resuming_it_finishes_the_cleanup()
    {
        var template = new TemplateRef("aigc", "admin-resume");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates.ContainsKey(template));
        var instance = await InstallForAliceAsync(template);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stopAtUserData = new Recorder(p =>
        {
            if (p.Stage == TemplateDeletionStage.CleaningUserData)
            {
                interrupt.Cancel();
            }
        });

        await Should.ThrowAsync<OperationCanceledException>(() =>
            Admin.DeleteTemplateAsync(Actor, template, TemplateDeletionMode.KeepVolumes, stopAtUserData, interrupt.Token));

        await WaitAsync(_ => Admin.ListTemplates().SingleOrDefault(t => t.Ref == template)?.InterruptedDeletion == TemplateDeletionMode.KeepVolumes);
        _factory.Logto.GetCustomData(Alice).ContainsKey(template.LegacyCustomDataKey).ShouldBeTrue();
        Hub.Current.Templates[template].Reserved.Contains(instance.Id).ShouldBeTrue();
        var services = _factory.Services.GetRequiredService<IInstanceService>();
        (await services.RecoverAsync(Alice, instance, Ct)).Error.ShouldBe(OperationError.TemplateNotInstallable);
        (await Admin.RecoverAsync(Actor, instance, Ct)).Error.ShouldBe(OperationError.TemplateNotInstallable);

        var resumed = await Admin.DeleteTemplateAsync(Actor, template, TemplateDeletionMode.KeepVolumes, null, Ct);

        resumed.Succeeded.ShouldBeTrue(resumed.Detail);
        _factory.Logto.GetCustomData(Alice).ContainsKey(template.LegacyCustomDataKey).ShouldBeFalse();
        await WaitAsync(s => !s.Templates.ContainsKey(template));
        Hub.Current.Volumes.ShouldContain($"aigc/user-data-{template.Name}-{instance.Id}");
    }

    [Fact]
    public async Task An_edit_based_on_an_outdated_version_is_refused_as_a_conflict_and_nothing_is_overwritten()
    {
        var template = new TemplateRef("aigc", "admin-edit");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates.ContainsKey(template));
        var basis = (await Admin.ReadTemplateAsync(template, Ct))!;
        await InstallForAliceAsync(template);
        var edited = (JsonObject)basis.Manifest.DeepClone();
        edited["metadata"]!["annotations"]![TemplateAnnotations.DisplayName] = "Renamed";

        var result = await Admin.UpdateTemplateAsync(Actor, basis, edited, Ct);

        result.Error.ShouldBe(TemplateWriteError.Conflict);
        Hub.Current.Templates[template].Owners.Values.ShouldContain(Alice);
        Hub.Current.Templates[template].Template.DisplayName.ShouldBe("Admin test admin-edit");
    }

    [Fact]
    public async Task A_display_name_edit_applies_without_restarting_the_running_instance()
    {
        var template = new TemplateRef("aigc", "admin-rename");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates.ContainsKey(template));
        var instance = await InstallForAliceAsync(template);
        var uid = Hub.Current.GameServer(instance)!.Uid;
        var basis = (await Admin.ReadTemplateAsync(template, Ct))!;
        var edited = (JsonObject)basis.Manifest.DeepClone();
        edited["metadata"]!["annotations"]![TemplateAnnotations.DisplayName] = "Renamed";
        Admin.ImpactOfEdit(basis, edited).PodTemplateChanged.ShouldBeFalse();

        var result = await Admin.UpdateTemplateAsync(Actor, basis, edited, Ct);

        result.Succeeded.ShouldBeTrue(result.Detail);
        await WaitAsync(s => s.Templates[template].Template.DisplayName == "Renamed");
        await _factory.Kubernetes.WaitForIdleAsync(Ct);
        Hub.Current.GameServer(instance)!.Uid.ShouldBe(uid);
    }

    [Fact]
    public async Task A_catalog_entry_edit_applies_to_the_current_version_when_only_the_lifecycle_changed_the_template()
    {
        var template = new TemplateRef("aigc", "admin-entry");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates.ContainsKey(template));
        var basis = (await Admin.ReadTemplateAsync(template, Ct))!;
        await InstallForAliceAsync(template);

        var result = await Admin.UpdateCatalogDisplayAsync(Actor, basis, new CatalogDisplay(" Renamed ", "", "/icons/sd.svg"), Ct);

        result.Succeeded.ShouldBeTrue(result.Detail);
        await WaitAsync(s => s.Templates[template].Template.DisplayName == "Renamed");
        var state = Hub.Current.Templates[template];
        state.CatalogDisplay.ShouldBe(new CatalogDisplay("Renamed", null, "/icons/sd.svg"));
        state.Owners.Values.ShouldContain(Alice);
        await AuditedAsync(template, "edited template");
    }

    [Fact]
    public async Task A_catalog_entry_someone_else_changed_since_it_was_loaded_is_not_overwritten()
    {
        var template = new TemplateRef("aigc", "admin-entry-race");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates.ContainsKey(template));
        var basis = (await Admin.ReadTemplateAsync(template, Ct))!;
        var renamed = (JsonObject)basis.Manifest.DeepClone();
        renamed["metadata"]!["annotations"]![TemplateAnnotations.DisplayName] = "Renamed by Bo";
        (await Admin.UpdateTemplateAsync("Bo", basis, renamed, Ct)).Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates[template].Template.DisplayName == "Renamed by Bo");

        var result = await Admin.UpdateCatalogDisplayAsync(Actor, basis, new CatalogDisplay("Mine", null, null), Ct);

        result.Error.ShouldBe(TemplateWriteError.Conflict);
        Hub.Current.Templates[template].Template.DisplayName.ShouldBe("Renamed by Bo");
    }

    [Fact]
    public async Task An_administrator_pauses_a_users_instance_and_the_action_is_an_event_on_the_template()
    {
        var template = new TemplateRef("aigc", "admin-pause");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates.ContainsKey(template));
        var instance = await InstallForAliceAsync(template);
        Admin.ListInstances().ShouldContain(i => i.Ref == instance && i.Owner == Alice);

        var result = await Admin.PauseAsync(Actor, instance, Ct);

        result.Succeeded.ShouldBeTrue();
        await WaitAsync(s => s.Templates[template].Reserved.Contains(instance.Id) && s.GameServer(instance) is null);
        using var kubernetes = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = _factory.Kubernetes.BaseAddress.ToString() });
        var events = await kubernetes.CoreV1.ListNamespacedEventAsync("aigc", cancellationToken: Ct);
        events.Items.ShouldContain(e => e.InvolvedObject.Kind == "GameServerSet" && e.InvolvedObject.Name == template.Name
            && e.Message.Contains(Actor + " paused " + instance, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_created_template_is_mirrored_as_an_event_carrying_the_audit_entry()
    {
        var template = new TemplateRef("aigc", "admin-stored");
        (await Admin.CreateTemplateAsync(Actor, Manifest(template.Name), Ct)).Succeeded.ShouldBeTrue();

        using var kubernetes = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = _factory.Kubernetes.BaseAddress.ToString() });
        var events = await kubernetes.CoreV1.ListNamespacedEventAsync("aigc", fieldSelector: "involvedObject.kind=GameServerSet", cancellationToken: Ct);
        events.Items.ShouldContain(e => e.InvolvedObject.Name == template.Name && e.Type == "Normal"
            && e.Metadata.Annotations != null && e.Metadata.Annotations.Values.Contains(Actor) && e.Metadata.Annotations.Values.Contains("created template"));
    }

    private sealed class Recorder(Action<TemplateDeletionProgress> onReport) : IProgress<TemplateDeletionProgress>
    {
        public void Report(TemplateDeletionProgress value) => onReport(value);
    }
}
