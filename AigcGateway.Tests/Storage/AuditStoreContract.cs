using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Storage;

/// <summary>
/// What the audit store does on every provider: migrations from an empty database, concurrent migration, writing,
/// keyset paging, filters, search, export, pruning and denial counting. Subclasses give it a fresh database.
/// </summary>
public abstract class AuditStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TemplateRef SdWebui = new("aigc", "sd-webui");
    private static readonly TemplateRef ComfyUi = new("aigc", "comfyui");

    private StorageOptions _options = null!;

    protected static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The options of an empty database of this provider (a new one for every call).</summary>
    protected abstract Task<StorageOptions> NewDatabaseAsync();

    public async ValueTask InitializeAsync() => _options = await NewDatabaseAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Puts an empty database in the place of the one <paramref name="options"/> names, as an operator might while the gateway runs.</summary>
    protected abstract Task ReplaceWithEmptyAsync(StorageOptions options);

    [Fact]
    public async Task A_database_replaced_by_an_empty_one_while_writing_is_migrated_again_and_the_entries_keep_arriving()
    {
        await using var store = await new AuditStore(_options).StartAsync();
        store.Writer.Record(new AuditEntry(T0, "user before", AuditActions.Installed, "aigc/sd-webui#0", true));
        await store.WrittenAsync(1);

        await ReplaceWithEmptyAsync(_options);
        store.Writer.Record(new AuditEntry(T0.AddMinutes(1), "user after", AuditActions.Paused, "aigc/sd-webui#0", true));
        store.Writer.Record(new AuditEntry(T0.AddMinutes(2), "user later", AuditActions.Recovered, "aigc/sd-webui#0", true));

        await Eventually.HoldsAsync(
            async () => store.Writer.State.Waiting == 0 && (await store.Query.PageAsync(AuditFilter.None, null, 10, Token)).Entries.Length == 2,
            "the two entries after the replacement are stored in the new database");
        (await store.AllAsync()).Select(e => e.Actor).ShouldBe(["user later", "user after"]);
        store.Writer.State.Available.ShouldBeTrue();
        store.Writer.State.Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task An_empty_database_is_migrated_to_the_latest_migration()
    {
        var database = new GatewayDatabase(_options);
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(Token);

        await using var context = database.CreateContext();
        var all = context.Database.GetMigrations().ToList();
        all.ShouldNotBeEmpty();
        (await context.Database.GetAppliedMigrationsAsync(Token)).ShouldBe(all);
        (await context.AuditEntries.CountAsync(Token)).ShouldBe(0);
    }

    [Fact]
    public async Task Two_gateways_starting_together_apply_each_migration_once()
    {
        var first = new DatabaseMigrator(new GatewayDatabase(_options), NullLogger<DatabaseMigrator>.Instance);
        var second = new DatabaseMigrator(new GatewayDatabase(_options), NullLogger<DatabaseMigrator>.Instance);

        await Task.WhenAll(Task.Run(() => first.MigrateAsync(Token), Token), Task.Run(() => second.MigrateAsync(Token), Token));

        await using var context = new GatewayDatabase(_options).CreateContext();
        var applied = (await context.Database.GetAppliedMigrationsAsync(Token)).ToList();
        applied.ShouldBe(context.Database.GetMigrations());
        applied.Distinct().Count().ShouldBe(applied.Count);
    }

    [Fact]
    public async Task Recorded_entries_are_written_with_every_field_and_read_back_newest_first()
    {
        await using var store = await new AuditStore(_options).StartAsync();
        store.Writer.Record(new AuditEntry(T0, "user alice", AuditActions.Installed, "aigc/sd-webui#3", true) { Template = SdWebui, InstanceId = 3 });
        store.Writer.Record(new AuditEntry(T0.AddSeconds(1), "Ada (admin-1)", AuditActions.DeletedTemplate, "aigc/comfyui", false, "409 conflict") { Template = ComfyUi });

        await store.WrittenAsync(2);
        var entries = await store.AllAsync();

        entries.Select(e => e.Action).ShouldBe([AuditActions.DeletedTemplate, AuditActions.Installed]);
        var installed = entries[1];
        installed.Time.ShouldBe(T0);
        installed.Actor.ShouldBe("user alice");
        installed.ActorId.ShouldBe("alice");
        installed.Template.ShouldBe(SdWebui);
        installed.InstanceId.ShouldBe(3);
        installed.Outcome.ShouldBe(AuditOutcome.Succeeded);
        installed.Replica.ShouldBe(_options.Replica);
        installed.Id.ShouldBeGreaterThan(0);
        var deleted = entries[0];
        deleted.ActorId.ShouldBe("admin-1");
        deleted.Succeeded.ShouldBeFalse();
        deleted.Outcome.ShouldBe(AuditOutcome.Failed);
        deleted.Detail.ShouldBe("409 conflict");
    }

    [Fact]
    public async Task Keyset_paging_returns_every_entry_once_in_order_even_when_times_are_equal()
    {
        await using var store = await new AuditStore(_options).StartAsync();
        for (var i = 0; i < 25; i++)
        {
            // groups of three share one time: the id breaks the tie
            store.Writer.Record(new AuditEntry(T0.AddSeconds(i / 3), "user u" + i, AuditActions.Paused, "x", true));
        }

        await store.WrittenAsync(25);
        var seen = new List<AuditEntry>();
        AuditCursor? after = null;
        var pages = 0;
        do
        {
            var page = await store.Query.PageAsync(AuditFilter.None, after, 7, Token);
            page.Entries.Length.ShouldBeLessThanOrEqualTo(7);
            seen.AddRange(page.Entries);
            after = page.Next;
            pages++;
        }
        while (after is not null);

        pages.ShouldBe(4);
        seen.Count.ShouldBe(25);
        seen.Select(e => e.Id).Distinct().Count().ShouldBe(25);
        seen.ShouldBe(seen.OrderByDescending(e => e.Time).ThenByDescending(e => e.Id).ToList());
    }

    [Fact]
    public async Task Filters_select_by_user_template_action_outcome_and_time_range()
    {
        await using var store = await new AuditStore(_options).StartAsync();
        store.Writer.Record(new AuditEntry(T0, "user alice", AuditActions.Installed, "aigc/sd-webui#0", true) { Template = SdWebui });
        store.Writer.Record(new AuditEntry(T0.AddMinutes(1), "user alice", AuditActions.Paused, "aigc/sd-webui#0", false) { Template = SdWebui });
        store.Writer.Record(new AuditEntry(T0.AddMinutes(2), "user bob", AuditActions.Installed, "aigc/comfyui#0", true) { Template = ComfyUi });
        store.Writer.Record(new AuditEntry(T0.AddMinutes(3), "Ada (admin-1)", AuditActions.EditedTemplate, "aigc/comfyui", true) { Template = ComfyUi });
        await store.WrittenAsync(4);

        async Task<string[]> Matching(AuditFilter filter) => [.. (await store.AllAsync(filter)).Select(e => $"{e.ActorId} {e.Action}")];

        (await Matching(new AuditFilter { UserId = "alice" })).ShouldBe(["alice paused", "alice installed"]);
        (await Matching(new AuditFilter { Template = "aigc/comfyui" })).ShouldBe(["admin-1 edited template", "bob installed"]);
        (await Matching(new AuditFilter { Action = AuditActions.Installed })).ShouldBe(["bob installed", "alice installed"]);
        (await Matching(new AuditFilter { Outcome = AuditOutcome.Failed })).ShouldBe(["alice paused"]);
        (await Matching(new AuditFilter { From = T0.AddMinutes(1), To = T0.AddMinutes(3) })).ShouldBe(["bob installed", "alice paused"]);
        (await Matching(new AuditFilter { UserId = "alice", Action = AuditActions.Installed, Outcome = AuditOutcome.Succeeded })).ShouldBe(["alice installed"]);
    }

    [Fact]
    public async Task Free_text_search_ignores_case_and_takes_percent_and_underscore_literally()
    {
        await using var store = await new AuditStore(_options).StartAsync();
        store.Writer.Record(new AuditEntry(T0, "user alice", AuditActions.Installed, "aigc/SD-WebUI#0", true, "quota 100%"));
        store.Writer.Record(new AuditEntry(T0.AddSeconds(1), "user bob", AuditActions.Installed, "aigc/comfy_ui#0", true, "quota 1000"));
        await store.WrittenAsync(2);

        async Task<string[]> Search(string text) => [.. (await store.AllAsync(new AuditFilter { Text = text })).Select(e => e.ActorId!)];

        (await Search("sd-webui")).ShouldBe(["alice"]);
        (await Search("ALICE")).ShouldBe(["alice"]);
        (await Search("100%")).ShouldBe(["alice"]);
        (await Search("y_u")).ShouldBe(["bob"]);
        (await Search("y%u")).ShouldBeEmpty();
        (await Search("installed")).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Pruning_deletes_only_the_entries_older_than_the_retention()
    {
        var time = new FakeTimeProvider(T0.AddDays(400));
        await using var store = await new AuditStore(_options with { AuditRetention = TimeSpan.FromDays(400) }, time).StartAsync();
        store.Writer.Record(new AuditEntry(T0.AddSeconds(-1), "user old", AuditActions.Installed, "x", true));
        store.Writer.Record(new AuditEntry(T0.AddSeconds(1), "user kept", AuditActions.Installed, "x", true));
        await store.WrittenAsync(2);

        (await store.Pruner.PruneAsync(Token)).ShouldBe(1);

        (await store.AllAsync()).Select(e => e.ActorId).ShouldBe(["kept"]);
    }

    [Fact]
    public async Task Denials_are_stored_once_per_user_host_and_minute_with_their_count()
    {
        var time = new FakeTimeProvider(T0.AddSeconds(5));
        await using var store = await new AuditStore(_options, time).StartAsync();
        var instance = new InstanceRef(SdWebui, 0);
        for (var i = 0; i < 50; i++)
        {
            store.Writer.RecordDenial("mallory", "sd-webui-0.aigc.test", instance, "someone else's instance");
        }

        store.Writer.RecordDenial("mallory", "other.aigc.test", null, "unknown host");
        store.Writer.RecordDenial("mallory", "other.aigc.test", null, "unknown host");
        time.Advance(TimeSpan.FromMinutes(1));

        await store.WrittenAsync(2);
        var entries = (await store.AllAsync()).OrderBy(e => e.Target, StringComparer.Ordinal).ToList();
        entries.Select(e => (e.Target, e.Count)).ShouldBe([("other.aigc.test", 2), ("sd-webui-0.aigc.test", 50)]);
        entries.ShouldAllBe(e => e.Outcome == AuditOutcome.Denied && e.ActorId == "mallory" && e.Action == AuditActions.AccessDenied && e.Time == T0);
        entries[1].Template.ShouldBe(SdWebui);
        entries[1].InstanceId.ShouldBe(0);
    }

    [Fact]
    public async Task An_export_reads_every_matching_entry_across_chunks()
    {
        await using var store = await new AuditStore(_options with { AuditBatchSize = 500 }).StartAsync();
        for (var i = 0; i < 1_203; i++)
        {
            store.Writer.Record(new AuditEntry(T0.AddMilliseconds(i), "user u" + (i % 2), AuditActions.Restarted, "x", true));
        }

        await store.WrittenAsync(1_203, TimeSpan.FromSeconds(60));

        (await store.AllAsync()).Count.ShouldBe(1_203);
        (await store.AllAsync(new AuditFilter { UserId = "u1" })).Count.ShouldBe(601);
    }
}
