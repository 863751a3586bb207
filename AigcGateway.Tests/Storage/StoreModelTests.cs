using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace AigcGateway.Tests.Storage;

/// <summary>The model and its migrations agree on both providers (no database needed), and the small pure helpers.</summary>
public sealed class StoreModelTests
{
    public static TheoryData<DatabaseProvider, string> Providers => new()
    {
        { DatabaseProvider.Sqlite, "Data Source=unused.db" },
        { DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=unused" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_model_has_no_change_without_a_migration(DatabaseProvider provider, string connectionString)
    {
        using var context = new GatewayDatabase(new StorageOptions { Provider = provider, ConnectionString = connectionString }).CreateContext();

        context.Database.GetMigrations().ShouldNotBeEmpty();
        context.Database.HasPendingModelChanges().ShouldBeFalse(
            $"the {provider} model changed without a migration: dotnet tool run dotnet-ef migrations add <Name> --project AigcGateway.Core --context {context.GetType().Name} --output-dir Storage/Migrations/{provider}");
    }

    [Theory]
    [InlineData("user abc123", "abc123")]
    [InlineData("Ada Lovelace (admin-1)", "admin-1")]
    [InlineData("abc123", "abc123")]
    [InlineData("unknown administrator", null)]
    [InlineData("", null)]
    public void The_user_id_is_read_from_the_actor_texts_the_gateway_writes(string actor, string? id) =>
        AuditActor.IdOf(actor).ShouldBe(id);

    [Fact]
    public void Like_wildcards_in_search_text_are_escaped() =>
        AuditQuery.EscapeLike(@"50%_a\b").ShouldBe(@"50\%\_a\\b");

    [Fact]
    public void Denials_beyond_the_pairs_kept_per_minute_are_counted_in_one_overflow_entry()
    {
        var counter = new DenialCounter(keysPerMinute: 2, replica: "r1");
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 10, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            counter.Add(t0, "mallory", $"host{i}.test", null, "unknown host").ShouldBeEmpty();
        }

        counter.Due.ShouldBe(t0.AddSeconds(50));
        counter.TakeEnded(t0.AddSeconds(49)).ShouldBeEmpty();
        var entries = counter.TakeEnded(t0.AddSeconds(50));

        entries.Count.ShouldBe(3);
        entries.Sum(e => e.Count).ShouldBe(10);
        entries.Single(e => e.ActorId is null).Count.ShouldBe(8);
        counter.Due.ShouldBeNull();
    }

    [Fact]
    public void A_denial_in_a_new_minute_hands_over_the_previous_minute()
    {
        var counter = new DenialCounter(keysPerMinute: 10, replica: "r1");
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 59, TimeSpan.Zero);
        counter.Add(t0, "mallory", "a.test", null, null);
        counter.Add(t0, "mallory", "a.test", null, null);

        var ended = counter.Add(t0.AddSeconds(1), "mallory", "a.test", null, null);

        ended.Single().Count.ShouldBe(2);
        ended.Single().Time.ShouldBe(t0.AddSeconds(-59));
        counter.TakeEnded(null).Single().Count.ShouldBe(1);
    }
}
