using System.Text.Json.Nodes;
using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using AigcGateway.Tests.Logto;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Core;

/// <summary>
/// What a corrupt <c>aigc-gateway.io/owners</c> record does downstream: nobody owns anything (no access, no instance on
/// anyone's dashboard), administrators see why, and nothing overwrites the record or clears the Logto mirror meanwhile.
/// </summary>
public sealed class UnreadableOwnershipRecordTests : IDisposable
{
    // "01" is not how the gateway writes id 1: someone edited the record by hand, or something else wrote it
    private const string Corrupt = """{"01": "mallory", "2": "alice"}""";

    private readonly SnapshotHub _hub = new();
    private readonly FakeCluster _cluster;
    private readonly InstanceService _service;
    private readonly InMemoryLogtoUsers _logto = new();
    private readonly MirrorWriteQueue _queue;
    private readonly InstanceRecords _records;
    private readonly UserMirrorReconciler _reconciler;

    public UnreadableOwnershipRecordTests()
    {
        var mapped = Mapped(Corrupt);
        _cluster = new FakeCluster(_hub, mapped.Template);
        _cluster.Set(s => s with { Replicas = 1, Owners = mapped.Owners });
        _service = new InstanceService(_hub, _cluster, new FakeMirror(), new LifecycleOptions(), TimeProvider.System, NullLogger<InstanceService>.Instance);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _queue = new MirrorWriteQueue(time);
        _records = new InstanceRecords(_service.Writer, _hub, new FakeMirror(), NullLogger<InstanceRecords>.Instance);
        _reconciler = new UserMirrorReconciler(_logto, new OwnershipSource(_hub), _records, _queue, time, NullLogger<UserMirrorReconciler>.Instance);
        _logto.With("alice", new JsonObject { [Key] = Entry(2) });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static string Key => CustomDataEntryCodec.KeyFor(TestTemplates.Ref);

    public void Dispose() => _queue.Dispose();

    private static TemplateState Mapped(string owners)
    {
        var gss = KubernetesJson.Deserialize<GameServerSet>(Fixture.Read("gameserverset-ingress-reserveids.json"));
        gss.Metadata.Annotations[TemplateAnnotations.Owners] = owners;
        return GameServerSetMapper.ToState(gss, ConformanceRules.Unknown);
    }

    private static JsonObject Entry(int id) => CustomDataEntryCodec.Encode(new InstanceRef(TestTemplates.Ref, id));

    [Fact]
    public void The_template_owns_nothing_and_administrators_see_the_record_named_as_the_reason()
    {
        var state = _hub.Current.Templates[TestTemplates.Ref];

        state.Owners.ShouldBeEmpty();
        _hub.Current.OwnerOf(new InstanceRef(TestTemplates.Ref, 1)).ShouldBeNull();
        _hub.Current.OwnerOf(new InstanceRef(TestTemplates.Ref, 2)).ShouldBeNull();
        state.Template.IsInstallable.ShouldBeFalse();
        state.Template.Problems.ShouldContain(p => p.Code == ConformanceCode.InvalidOwnershipRecord && p.Message.Contains("\"01\""));
    }

    [Fact]
    public async Task Nobody_sees_an_instance_of_it_on_their_dashboard_nor_gets_through_forward_auth()
    {
        (await _service.DashboardAsync("alice")).Instances.ShouldBeEmpty();
        (await _service.DashboardAsync("mallory")).Instances.ShouldBeEmpty();
        EndpointProjector.Endpoints(_hub.Current).ShouldBeEmpty();
    }

    [Fact]
    public async Task Adoption_from_logto_does_not_overwrite_the_record()
    {
        var writes = _cluster.Writes;

        (await _records.AdoptAsync(new InstanceRef(TestTemplates.Ref, 2), "alice", Ct)).Owned.ShouldBeFalse();
        var report = await _reconciler.AdoptAsync(Ct);

        _cluster.Writes.ShouldBe(writes);
        report.Adopted.ShouldBeEmpty();
        report.Conflicts.ShouldHaveSingleItem().Kind.ShouldBe(AdoptionConflictKind.OwnershipRecordUnreadable);
    }

    [Fact]
    public async Task Drift_repair_does_not_clear_the_mirror_entries_of_its_users()
    {
        var report = await _reconciler.RepairDriftAsync(Ct);

        report.Drift.ShouldBeEmpty();
        _logto.CustomData["alice"][Key]!.ToJsonString().ShouldBe(Entry(2).ToJsonString());
    }
}
