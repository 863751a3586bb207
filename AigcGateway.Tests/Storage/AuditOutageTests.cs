using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Storage;

/// <summary>
/// The database going away mid-run (a PostgreSQL server of this class's own, stopped and started again on its port):
/// recording never waits, entries wait in memory and arrive once it is back; a full buffer drops and counts.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class AuditOutageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private PostgresServer _server = null!;

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await PostgresServer.CreateAsync(Token);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<StorageOptions> OptionsAsync(int capacity = 10_000, int batch = 500) => new()
    {
        Provider = DatabaseProvider.PostgreSql,
        ConnectionString = await _server.CreateDatabaseAsync(Token),
        AuditBufferCapacity = capacity,
        AuditBatchSize = batch,
        RetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(400),
    };

    private static AuditEntry Entry(int i) => new(T0.AddSeconds(i), "user u" + i, AuditActions.Installed, "aigc/sd#" + i, true);

    [Fact]
    public async Task Entries_recorded_while_the_database_is_down_arrive_after_it_is_back()
    {
        await using var store = await new AuditStore(await OptionsAsync()).StartAsync();
        store.Writer.Record(Entry(0));
        await store.WrittenAsync(1);

        await _server.StopAsync(Token);
        for (var i = 1; i <= 40; i++)
        {
            store.Writer.Record(Entry(i));
        }

        await Eventually.HoldsAsync(() => !store.Writer.State.Available, "the writer reports the store unavailable");
        var down = store.Writer.State;
        down.Problem.ShouldNotBeNullOrWhiteSpace();
        down.UnavailableSince.ShouldNotBeNull();
        down.Waiting.ShouldBe(40);

        await _server.StartAsync(Token);
        await store.WrittenAsync(41);

        store.Writer.State.ShouldBe(store.Writer.State with { Available = true, UnavailableSince = null, Problem = null, Waiting = 0, Dropped = 0 });
        (await store.AllAsync()).Select(e => e.ActorId).Order().ShouldBe(Enumerable.Range(0, 41).Select(i => "u" + i).Order());
    }

    [Fact]
    public async Task A_full_buffer_drops_and_counts_what_does_not_fit_and_loses_nothing_else()
    {
        await using var store = await new AuditStore(await OptionsAsync(capacity: 100, batch: 10)).StartAsync();
        await _server.StopAsync(Token);
        store.Writer.Record(Entry(0));
        await Eventually.HoldsAsync(() => !store.Writer.State.Available, "the writer reports the store unavailable");
        for (var i = 1; i < 300; i++)
        {
            store.Writer.Record(Entry(i));
        }

        var dropped = store.Writer.State.Dropped;
        dropped.ShouldBeGreaterThanOrEqualTo(300 - 100 - 10);
        await _server.StartAsync(Token);

        await store.WrittenAsync((int)(300 - dropped));
        (await store.AllAsync()).Count.ShouldBe((int)(300 - dropped));
        store.Writer.State.Dropped.ShouldBe(dropped);
    }

    [Fact]
    public async Task A_gateway_starting_while_the_database_is_down_migrates_once_it_is_up()
    {
        var options = await OptionsAsync();
        await _server.StopAsync(Token);
        await using var store = new AuditStore(options);
        store.StartWriting();
        store.Writer.Record(Entry(1));
        await Eventually.HoldsAsync(() => !store.Writer.State.Available, "the writer reports the store unavailable");
        store.Writer.Migrated.ShouldBeFalse();

        await _server.StartAsync(Token);

        await store.Writer.WhenMigrated.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await store.WrittenAsync(1);
    }
}
