using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Logto;

public sealed class UserMirrorTests : IDisposable
{
    private static readonly TemplateRef s_sd = new("default", "sd-webui");
    private static readonly TemplateRef s_comfy = new("default", "comfyui");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryLogtoUsers _logto = new InMemoryLogtoUsers().With("alice", new JsonObject { ["theme"] = "dark" }).With("bob");
    private readonly FakeOwnership _ownership = new();
    private readonly MirrorWriteQueue _queue;
    private readonly LogtoUserInstanceMirror _mirror;
    private readonly UserMirrorReconciler _reconciler;

    public UserMirrorTests()
    {
        _queue = new MirrorWriteQueue(_time) { BaseDelay = TimeSpan.FromSeconds(10) };
        _mirror = new LogtoUserInstanceMirror(_logto, _queue, NullLogger<LogtoUserInstanceMirror>.Instance);
        _reconciler = new UserMirrorReconciler(_logto, _ownership, _ownership, _queue, _time, NullLogger<UserMirrorReconciler>.Instance);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public void Dispose() => _queue.Dispose();

    [Fact]
    public async Task Recording_an_instance_writes_its_entry_and_keeps_other_keys()
    {
        await _mirror.RecordAsync("alice", new InstanceRef(s_sd, 3), Ct);

        var data = _logto.CustomData["alice"];
        data["default-sd-webui"]!.ToJsonString().ShouldBe("""{"Name":"sd-webui","Namespace":"default","ID":"3","Type":""}""");
        data["theme"]!.GetValue<string>().ShouldBe("dark");
    }

    [Fact]
    public async Task Forgetting_a_template_writes_null_for_its_key()
    {
        await _mirror.RecordAsync("alice", new InstanceRef(s_sd, 3), Ct);

        await _mirror.ForgetAsync("alice", s_sd, Ct);

        _logto.CustomData["alice"].ContainsKey("default-sd-webui").ShouldBeTrue();
        _logto.CustomData["alice"]["default-sd-webui"].ShouldBeNull();
    }

    [Fact]
    public async Task A_failed_write_is_queued_instead_of_thrown()
    {
        _logto.FailWith = LogtoOutcome.Unavailable;

        await _mirror.RecordAsync("alice", new InstanceRef(s_sd, 3), Ct);

        _queue.Pending.ShouldHaveSingleItem().Template.ShouldBe(s_sd);
    }

    [Fact]
    public async Task A_logto_that_does_not_answer_holds_the_caller_only_until_the_write_timeout()
    {
        _logto.HangWrites = true;
        var mirror = new LogtoUserInstanceMirror(_logto, _queue, NullLogger<LogtoUserInstanceMirror>.Instance)
        {
            WriteTimeout = TimeSpan.FromMilliseconds(50),
        };

        await mirror.RecordAsync("alice", new InstanceRef(s_sd, 3), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        _queue.Pending.ShouldHaveSingleItem().UserId.ShouldBe("alice");
    }

    [Fact]
    public async Task A_queued_write_is_retried_after_its_backoff()
    {
        _logto.FailWith = LogtoOutcome.Unavailable;
        await _mirror.RecordAsync("alice", new InstanceRef(s_sd, 3), Ct);
        _logto.FailWith = null;

        (await _reconciler.RetryPendingAsync(Ct)).ShouldBe(0);
        _time.Advance(TimeSpan.FromSeconds(13));
        (await _reconciler.RetryPendingAsync(Ct)).ShouldBe(1);

        _logto.CustomData["alice"]["default-sd-webui"]!["ID"]!.GetValue<string>().ShouldBe("3");
        _queue.Pending.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_queued_entry_remembers_when_its_first_write_failed()
    {
        _logto.FailWith = LogtoOutcome.Unavailable;
        var first = _time.GetUtcNow();
        await _mirror.RecordAsync("alice", new InstanceRef(s_sd, 3), Ct);
        _time.Advance(TimeSpan.FromMinutes(2));

        await _mirror.ForgetAsync("alice", s_sd, Ct);

        var pending = _queue.Pending.ShouldHaveSingleItem();
        pending.Value.ShouldBeNull();
        pending.FirstFailed.ShouldBe(first);
    }

    [Fact]
    public async Task A_retry_that_fails_again_waits_longer()
    {
        _logto.FailWith = LogtoOutcome.Unavailable;
        await _mirror.RecordAsync("alice", new InstanceRef(s_sd, 3), Ct);
        _time.Advance(TimeSpan.FromSeconds(13));

        await _reconciler.RetryPendingAsync(Ct);

        var pending = _queue.Pending.ShouldHaveSingleItem();
        pending.Attempts.ShouldBe(2);
        (pending.DueAt - _time.GetUtcNow()).ShouldBeGreaterThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_newer_successful_write_makes_the_queued_one_obsolete()
    {
        _logto.FailWith = LogtoOutcome.Unavailable;
        await _mirror.RecordAsync("alice", new InstanceRef(s_sd, 3), Ct);
        _logto.FailWith = null;

        await _mirror.ForgetAsync("alice", s_sd, Ct);
        _time.Advance(TimeSpan.FromMinutes(30));
        await _reconciler.RetryPendingAsync(Ct);

        _queue.Pending.ShouldBeEmpty();
        _logto.CustomData["alice"]["default-sd-webui"].ShouldBeNull();
    }

    [Fact]
    public async Task Drift_repair_writes_a_missing_entry()
    {
        _ownership.Set((s_sd, 4, "bob"));

        var report = await _reconciler.RepairDriftAsync(Ct);

        report.Drift.ShouldHaveSingleItem().Repaired.ShouldBeTrue();
        _logto.CustomData["bob"]["default-sd-webui"]!["ID"]!.GetValue<string>().ShouldBe("4");
    }

    [Fact]
    public async Task Drift_repair_corrects_a_wrong_id()
    {
        _ownership.Set((s_sd, 4, "bob"));
        _logto.CustomData["bob"]["default-sd-webui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 9));

        await _reconciler.RepairDriftAsync(Ct);

        _logto.CustomData["bob"]["default-sd-webui"]!["ID"]!.GetValue<string>().ShouldBe("4");
    }

    [Fact]
    public async Task Drift_repair_clears_an_entry_the_ownership_record_does_not_have()
    {
        _ownership.Set();
        _logto.CustomData["bob"]["default-comfyui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_comfy, 1));

        await _reconciler.RepairDriftAsync(Ct);
        await _reconciler.RepairDriftAsync(Ct);

        _logto.CustomData["bob"]["default-comfyui"].ShouldBeNull();
    }

    [Fact]
    public async Task Drift_repair_does_not_clear_an_entry_written_for_an_install_made_while_it_listed_the_users()
    {
        _ownership.Set();
        _logto.WhileListing = () =>
        {
            // another replica installs for alice: the record and her entry appear while this pass reads Logto
            _ownership.Set((s_sd, 2, "alice"));
            _logto.CustomData["alice"]["default-sd-webui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 2));
        };

        await _reconciler.RepairDriftAsync(Ct);
        _logto.WhileListing = null;
        await _reconciler.RepairDriftAsync(Ct);

        _logto.Patches.ShouldNotContain(p => p.UserId == "alice" && p.Value == null, "alice's fresh entry was cleared");
        _logto.CustomData["alice"]["default-sd-webui"]!["ID"]!.GetValue<string>().ShouldBe("2");
    }

    [Fact]
    public async Task Drift_repair_clears_an_entry_only_when_two_passes_in_a_row_find_it_stale()
    {
        _ownership.Set();
        _logto.CustomData["bob"]["default-comfyui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_comfy, 1));

        var first = await _reconciler.RepairDriftAsync(Ct);

        first.Drift.ShouldBeEmpty();
        _logto.CustomData["bob"]["default-comfyui"].ShouldNotBeNull();
        (await _reconciler.RepairDriftAsync(Ct)).Drift.ShouldHaveSingleItem().Repaired.ShouldBeTrue();
        _logto.CustomData["bob"]["default-comfyui"].ShouldBeNull();
    }

    [Fact]
    public async Task Drift_repair_leaves_entries_in_sync_untouched()
    {
        _ownership.Set((s_sd, 4, "bob"));
        _logto.CustomData["bob"]["default-sd-webui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 4));

        var report = await _reconciler.RepairDriftAsync(Ct);

        report.Drift.ShouldBeEmpty();
        _logto.Patches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Adoption_writes_the_owner_of_a_legacy_entry_with_a_free_id()
    {
        _ownership.Set();
        _logto.CustomData["alice"]["default-sd-webui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 2));

        var report = await _reconciler.AdoptAsync(Ct);

        report.Adopted.ShouldBe([new AdoptAction("alice", new InstanceRef(s_sd, 2))]);
        _ownership.Adopted.ShouldBe([(new InstanceRef(s_sd, 2), "alice")]);
    }

    [Fact]
    public async Task Drift_repair_right_after_adoption_does_not_wipe_the_adopted_entry_while_the_snapshot_lags()
    {
        _ownership.Set();
        var entry = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 2));
        _logto.CustomData["alice"]["default-sd-webui"] = entry.DeepClone();
        _ownership.Lagging = true;

        (await _reconciler.AdoptAsync(Ct)).Adopted.ShouldHaveSingleItem();
        var lagging = await _reconciler.RepairDriftAsync(Ct);

        JsonNode.DeepEquals(_logto.CustomData["alice"]["default-sd-webui"], entry).ShouldBeTrue("the adopted entry was wiped by drift repair");
        lagging.Deferred.ShouldBe([s_sd]);

        _ownership.Publish();
        var caughtUp = await _reconciler.RepairDriftAsync(Ct);

        caughtUp.Deferred.ShouldBeEmpty();
        caughtUp.Drift.ShouldBeEmpty();
        JsonNode.DeepEquals(_logto.CustomData["alice"]["default-sd-webui"], entry).ShouldBeTrue();
    }

    [Fact]
    public async Task Adoption_leaves_an_entry_for_an_instance_that_does_not_exist_to_an_administrator()
    {
        _ownership.Present = new HashSet<int> { 0 };
        _ownership.Set((s_sd, 0, "alice"));
        _logto.CustomData["bob"]["default-sd-webui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 5));

        var report = await _reconciler.AdoptAsync(Ct);
        await _reconciler.RepairDriftAsync(Ct);

        report.Adopted.ShouldBeEmpty();
        report.Conflicts.ShouldHaveSingleItem().Kind.ShouldBe(AdoptionConflictKind.Missing);
        _ownership.Adopted.ShouldBeEmpty();
        _logto.CustomData["bob"]["default-sd-webui"].ShouldNotBeNull("the claim stays until an administrator drops it");
    }

    [Fact]
    public async Task Adoption_does_not_call_an_instance_installed_while_it_listed_the_users_missing()
    {
        // the gateway installs (ownership record, then the Logto entry) while adoption pages through Logto: the entry it
        // reads is newer than a snapshot taken before listing; such a Missing conflict would hold the id forever
        _ownership.Present = new HashSet<int>();
        _ownership.Set();
        _logto.WhileListing = () =>
        {
            _ownership.Present = new HashSet<int> { 0 };
            _ownership.Set((s_sd, 0, "alice"));
            _logto.CustomData["alice"]["default-sd-webui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 0));
        };

        var report = await _reconciler.AdoptAsync(Ct);

        report.Conflicts.ShouldBeEmpty();
        report.Adopted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Drift_repair_does_not_clear_an_entry_adoption_reported_as_a_conflict()
    {
        _ownership.Set((s_sd, 2, "bob"));
        _logto.CustomData["alice"]["default-sd-webui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 2));
        (await _reconciler.AdoptAsync(Ct)).Conflicts.ShouldHaveSingleItem().Kind.ShouldBe(AdoptionConflictKind.IdOwnedByOtherUser);

        await _reconciler.RepairDriftAsync(Ct);

        _logto.CustomData["alice"]["default-sd-webui"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Adoption_reports_a_failure_while_logto_is_unavailable()
    {
        _ownership.Set();
        _logto.FailWith = LogtoOutcome.ConfigurationError;

        var report = await _reconciler.AdoptAsync(Ct);

        report.Completed.ShouldBeFalse();
        _reconciler.LastAdoption.ShouldBe(report);
    }

    [Fact]
    public async Task The_loop_adopts_first_then_repairs_drift_and_stops_when_cancelled()
    {
        _ownership.Set((s_comfy, 1, "bob"));
        _logto.CustomData["alice"]["default-sd-webui"] = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 2));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var loop = _reconciler.RunAsync(stop.Token);
        await _ownership.FirstAdoption.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_reconciler.LastDrift is null)
        {
            await Task.Yield();
            deadline.Token.ThrowIfCancellationRequested();
        }

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        _ownership.Adopted.ShouldBe([(new InstanceRef(s_sd, 2), "alice")]);
        _logto.CustomData["bob"]["default-comfyui"]!["ID"]!.GetValue<string>().ShouldBe("1");
    }

    /// <summary>
    /// Ownership snapshots under the test's control: <see cref="Set"/> publishes one (every id below 10 has an instance
    /// unless <see cref="Present"/> says otherwise); adoptions answer the next resourceVersion and, unless
    /// <see cref="Lagging"/>, are visible in the next snapshot at once (as the watch would show them).
    /// </summary>
    private sealed class FakeOwnership : IInstanceOwnershipSource, IOwnershipAdopter
    {
        private readonly Dictionary<TemplateRef, Dictionary<int, string>> _owners = [];
        private long _version = 100;

        public List<(InstanceRef Instance, string UserId)> Adopted { get; } = [];

        public TaskCompletionSource FirstAdoption { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlySet<int> Present { get; set; } = Enumerable.Range(0, 10).ToHashSet();

        /// <summary>The snapshot keeps showing the state before the adoptions (the watch has not delivered them yet).</summary>
        public bool Lagging { get; set; }

        private InstanceOwnershipSnapshot? Snapshot { get; set; }

        public void Set(params (TemplateRef Template, int Id, string User)[] owners)
        {
            _owners.Clear();
            foreach (var (template, id, user) in owners)
            {
                Owners(template)[id] = user;
            }

            Publish();
        }

        /// <summary>The snapshot catches up with everything written so far.</summary>
        public void Publish() =>
            Snapshot = new InstanceOwnershipSnapshot(
                ImmutableHashSet.Create(s_sd, s_comfy),
                _owners.ToDictionary(o => o.Key, o => (IReadOnlyDictionary<int, string>)o.Value.ToImmutableDictionary()))
            {
                Existing = new Dictionary<TemplateRef, ExistingInstanceIds>
                {
                    [s_sd] = new(Present, ReserveIdSet.Empty, null),
                    [s_comfy] = new(Present, ReserveIdSet.Empty, null),
                },
                Versions = new Dictionary<TemplateRef, string>
                {
                    [s_sd] = _version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [s_comfy] = _version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            };

        public ValueTask<InstanceOwnershipSnapshot?> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Snapshot);

        public Task<AdoptionOutcome> AdoptAsync(InstanceRef instance, string userId, CancellationToken cancellationToken)
        {
            Adopted.Add((instance, userId));
            Owners(instance.Template)[instance.Id] = userId;
            var version = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!Lagging)
            {
                Publish();
            }

            FirstAdoption.TrySetResult();
            return Task.FromResult(new AdoptionOutcome(AdoptionResult.Adopted, version));
        }

        public Task<AdoptionOutcome> AssignAsync(InstanceRef instance, string userId, CancellationToken cancellationToken) =>
            AdoptAsync(instance, userId, cancellationToken);

        private Dictionary<int, string> Owners(TemplateRef template) =>
            _owners.TryGetValue(template, out var owners) ? owners : _owners[template] = [];
    }
}
