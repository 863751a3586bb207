using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Admin;

/// <summary>A hand-written <see cref="IAdministration"/>: lists set by the test, every call recorded, results chosen by the test.</summary>
internal sealed class FakeAdministration : IAdministration
{
    private readonly Channel<long> _changes = Channel.CreateUnbounded<long>();
    private readonly Lock _lock = new();
    private readonly List<string> _calls = [];

    public string? UserNamesProblem { get; set; }

    public TemplateRules Rules { get; set; } = new(["aigc"], ".aigc.test", new Uri("https://dashboard.aigc.test"), ImmutableDictionary<string, string>.Empty);

    public ImmutableArray<AdminInstance> Instances { get; set; } = [];

    public ImmutableArray<AdminTemplate> Templates { get; set; } = [];


    public TemplateEditBasis? Basis { get; set; }

    public OperationResult? NextResult { get; set; }

    public TemplateWriteResult WriteResult { get; set; } = TemplateWriteResult.Ok;

    /// <summary>Results for the next updates, in order (then <see cref="WriteResult"/>).</summary>
    public Queue<TemplateWriteResult> UpdateResults { get; } = new();

    /// <summary>What the next reads return, in order (then <see cref="Basis"/>).</summary>
    public Queue<TemplateEditBasis> Reads { get; } = new();

    public JsonObject? LastManifest { get; private set; }

    public TemplateDeletionMode? LastDeletionMode { get; private set; }

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Tells subscribers something changed (as the cluster cache would).</summary>
    public void Changed() => _changes.Writer.TryWrite(1);

    public ImmutableArray<AdminInstance> ListInstances() => Instances;

    public ImmutableArray<AdminTemplate> ListTemplates() => Templates;

    public async IAsyncEnumerable<long> ChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return 0;
        while (await _changes.Reader.WaitToReadAsync(cancellationToken))
        {
            _changes.Reader.TryRead(out var version);
            yield return version;
        }
    }

    public ImmutableDictionary<string, string> Names { get; set; } = ImmutableDictionary<string, string>.Empty;

    public Task<ImmutableDictionary<string, string>> UserNamesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToArray();
        NameLookups.Enqueue(ids);
        return Task.FromResult(ids.ToImmutableDictionary(id => id, id => Names.GetValueOrDefault(id, id)));
    }

    /// <summary>The ids each <see cref="UserNamesAsync"/> call asked for.</summary>
    public ConcurrentQueue<string[]> NameLookups { get; } = new();

    public Task<OperationResult> PauseAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) => Act("pause", actor, instance);

    public Task<OperationResult> RecoverAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) => Act("recover", actor, instance);

    public Task<OperationResult> RestartAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) => Act("restart", actor, instance);

    public Task<OperationResult> UninstallAsync(string actor, InstanceRef instance, CancellationToken cancellationToken) => Act("uninstall", actor, instance);

    public ManifestReview Review(JsonObject manifest)
    {
        var name = manifest["metadata"]?["name"]?.GetValue<string>();
        return new ManifestReview(string.IsNullOrEmpty(name) ? ["name missing"] : [], []);
    }

    public Task<TemplateWriteResult> CreateTemplateAsync(string actor, JsonObject manifest, CancellationToken cancellationToken)
    {
        LastManifest = manifest;
        Record($"create {actor} {manifest["metadata"]?["namespace"]}/{manifest["metadata"]?["name"]}");
        return Task.FromResult(WriteResult);
    }

    public Task<TemplateEditBasis?> ReadTemplateAsync(TemplateRef template, CancellationToken cancellationToken)
    {
        Record($"read {template}");
        return Task.FromResult(Reads.TryDequeue(out var next) ? next : Basis);
    }

    public EditImpact ImpactOfEdit(TemplateEditBasis basis, JsonObject edited) =>
        JsonNode.DeepEquals(basis.Manifest["spec"], edited["spec"]) ? new EditImpact(false, 0) : new EditImpact(true, 2);

    public Task<TemplateWriteResult> UpdateTemplateAsync(string actor, TemplateEditBasis basis, JsonObject edited, CancellationToken cancellationToken)
    {
        LastManifest = edited;
        Record($"update {actor} {basis.Template} @{basis.ResourceVersion}");
        return Task.FromResult(UpdateResults.TryDequeue(out var next) ? next : WriteResult);
    }

    public CatalogDisplay? LastDisplay { get; private set; }

    public Task<TemplateWriteResult> UpdateCatalogDisplayAsync(string actor, TemplateEditBasis basis, CatalogDisplay display, CancellationToken cancellationToken)
    {
        LastDisplay = display;
        Record($"catalog {actor} {basis.Template} @{basis.ResourceVersion}");
        return Task.FromResult(UpdateResults.TryDequeue(out var next) ? next : WriteResult);
    }

    public TemplateImpact ImpactOf(TemplateRef template) =>
        new(template, ImmutableSortedDictionary.CreateRange(Instances.Where(i => i.Ref.Template == template).Select(i => KeyValuePair.Create(i.Ref.Id, i.Owner))), ["user-data-" + template.Name + "-0"]);

    public Task<TemplateWriteResult> DeleteTemplateAsync(
        string actor, TemplateRef template, TemplateDeletionMode mode, IProgress<TemplateDeletionProgress>? progress, CancellationToken cancellationToken)
    {
        LastDeletionMode = mode;
        Record($"delete {actor} {template} {mode}");
        progress?.Report(new(TemplateDeletionStage.Done, 1));
        return Task.FromResult(WriteResult);
    }

    private Task<OperationResult> Act(string name, string actor, InstanceRef instance)
    {
        Record($"{name} {actor} {instance}");
        return Task.FromResult(NextResult ?? OperationResult.Ok(instance));
    }

    private void Record(string call)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }
    }
}
