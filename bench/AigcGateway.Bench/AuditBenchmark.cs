using System.Diagnostics;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AigcGateway.Bench;

/// <summary>
/// 6. The audit store on a real PostgreSQL server (started here, as the tests do). (a) 200 concurrent installs through
/// the audited lifecycle while 9,800 more audit entries are recorded (10,000 in all), against the same installs without
/// the store: rounds alternate (without, with, ...) on fresh emulators after one warm-up round of each; goal: the median
/// audited install wall time within 10 % of the median unaudited. (b) 1,000,000 rows, then pages of 50 under the filters the Audit log page offers;
/// goal: p95 &lt;= 100 ms.
/// </summary>
internal static class AuditBenchmark
{
    private const string Name = "6. audit store (PostgreSQL)";
    private const int Entries = 10_000;
    private const int Rows = 1_000_000;
    /// <summary>Two warm-up rounds (one of each: EF Core's model and the drivers load once per process), then eight measured.</summary>
    private const int WarmUp = 2;
    private const int Rounds = WarmUp + 8;

    public static async Task RunAsync(Report report, CancellationToken ct)
    {
        await using var server = await PostgresServer.CreateAsync(ct);
        await InstallsAsync(server, report, ct);
        await QueriesAsync(server, report, ct);
    }

    private static async Task InstallsAsync(PostgresServer server, Report report, CancellationToken ct)
    {
        var plain = new List<double>();
        var audited = new List<double>();
        var drained = new List<double>();
        var plainCpu = new List<double>();
        var auditedCpu = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var withAudit = round % 2 == 1;
            var connection = withAudit ? await server.CreateDatabaseAsync(ct) : null;
            await using var emulator = await KubernetesEmulator.StartAsync(KubernetesEmulatorOptions.ForTests with { SeedDemo = true }, ct);
            await using var core = await CoreHost.StartAsync(emulator.BaseAddress, CatalogFilter.All, ct, services =>
            {
                services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new TemplateRules([], "localhost", new Uri("http://localhost"), System.Collections.Immutable.ImmutableDictionary<string, string>.Empty)));
                services.AddGatewayAdministrationCore();
                if (connection is not null)
                {
                    services.AddGatewayStorage(_ => new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection });
                }
            });
            if (!await core.WaitReadyAsync(TimeSpan.FromSeconds(30), ct))
            {
                throw new TimeoutException("the cache did not list the emulator within 30 s");
            }

            var writer = withAudit ? core.Services.GetRequiredService<AuditWriter>() : null;
            if (writer is not null)
            {
                await writer.WhenMigrated.WaitAsync(TimeSpan.FromSeconds(30), ct);
            }

            var instances = core.Instances;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var others = writer is null ? Task.CompletedTask : Task.Run(() => RecordOthers(writer), ct);
            await Task.WhenAll(Enumerable.Range(0, InstallBenchmark.Users).Select(i => Task.Run(() => instances.InstallAsync($"r{round}-{InstallBenchmark.UserId(i)}", InstallBenchmark.Template, ct), ct)));
            var wall = clock.Elapsed.TotalMilliseconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            await others;
            if (writer is not null)
            {
                await WaitWrittenAsync(connection!, Entries, ct);
            }

            if (round >= WarmUp)
            {
                (withAudit ? audited : plain).Add(wall);
                (withAudit ? auditedCpu : plainCpu).Add(cpuMs);
                if (writer is not null)
                {
                    drained.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        // medians: on a shared machine one round now and then takes twice as long, whichever mode it is
        var ratio = Measure.Percentile(audited, 0.5) / Measure.Percentile(plain, 0.5);
        report.Add(new Figure(Name, "200 installs, wall time without / with the audit store", $"{string.Join(", ", plain.Select(Measure.Ms))} / {string.Join(", ", audited.Select(Measure.Ms))}", "-", null));
        report.Add(new Figure(Name, "audited install time relative to unaudited (medians)", Measure.Number(ratio, "0.00"), "<= 1.10", ratio <= 1.10));
        // where the time goes: the gateway process's CPU during the installs (the writer, EF Core and Npgsql run in it;
        // PostgreSQL is another process) on a machine with Environment.ProcessorCount cores
        report.Add(new Figure(Name, $"gateway CPU during the installs without / with (medians, {Environment.ProcessorCount} cores)",
            $"{Measure.Ms(Measure.Percentile(plainCpu, 0.5))} / {Measure.Ms(Measure.Percentile(auditedCpu, 0.5))}", "-", null));
        report.Add(new Figure(Name, $"{Entries} entries stored after the installs began", string.Join(", ", drained.Select(Measure.Ms)), "-", null));
    }

    /// <summary>9,800 more entries (10,000 with the installs' 200) from other users meanwhile: sign-ins and template edits.</summary>
    private static void RecordOthers(AuditWriter writer)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Entries - InstallBenchmark.Users; i++)
        {
            writer.Record(new AuditEntry(now, $"user other-{i % 500}", i % 2 == 0 ? AuditActions.SignedIn : AuditActions.EditedTemplate, "dashboard", true));
        }
    }

    private static async Task WaitWrittenAsync(string connection, int count, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_entries", db);
            if ((long)(await command.ExecuteScalarAsync(ct))! >= count)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"fewer than {count} audit entries were stored within 60 s");
            }

            await Task.Delay(20, ct);
        }
    }

    private static async Task QueriesAsync(PostgresServer server, Report report, CancellationToken ct)
    {
        var options = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = await server.CreateDatabaseAsync(ct) };
        var database = new GatewayDatabase(options);
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(ct);
        var clock = Stopwatch.StartNew();
        await FillAsync(options.ConnectionString, ct);
        report.Add(new Figure(Name, $"{Rows:N0} rows loaded and indexed", Measure.Ms(clock.Elapsed.TotalMilliseconds), "-", null));

        var query = new AuditQuery(database);
        var end = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        AuditFilter[] filters =
        [
            AuditFilter.None,
            new() { UserId = "user-0042" },
            new() { Template = "team-7/sd-webui" },
            new() { Action = AuditActions.Uninstalled, Outcome = AuditOutcome.Failed },
            new() { From = end.AddDays(-30), To = end.AddDays(-23) },
            new() { Text = "user-0042" },
            new() { Text = "quota exceeded" },
            new() { UserId = "user-0007", Action = AuditActions.Installed, From = end.AddDays(-200) },
            new() { Outcome = AuditOutcome.Denied, Text = "host-3" },
        ];
        var samples = new List<double>();
        foreach (var filter in filters)
        {
            await query.PageAsync(filter, null, 50, ct); // warm-up
        }

        for (var repeat = 0; repeat < 10; repeat++)
        {
            foreach (var filter in filters)
            {
                // the first page and the next one (keyset from the first page's last entry)
                var watch = Stopwatch.StartNew();
                var page = await query.PageAsync(filter, null, 50, ct);
                samples.Add(watch.Elapsed.TotalMilliseconds);
                if (page.Next is { } next)
                {
                    watch.Restart();
                    await query.PageAsync(filter, next, 50, ct);
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        var p50 = Measure.Percentile(samples, 0.5);
        var p95 = Measure.Percentile(samples, 0.95);
        report.Add(new Figure(Name, $"audit page of 50 under {filters.Length} filters, {samples.Count} queries: p50", Measure.Ms(p50), "-", null));
        report.Add(new Figure(Name, "audit page of 50, p95 (max)", $"{Measure.Ms(p95)} ({Measure.Ms(samples.Max())})", "<= 100 ms", p95 <= 100));
    }

    /// <summary>1,000,000 rows generated in the server: 1,000 users, 50 templates, every action, 400 days, some details.</summary>
    private static async Task FillAsync(string connection, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO audit_entries (time, actor_id, actor, action, template, instance_id, target, outcome, detail, replica, count, search)
            SELECT t, u, 'user ' || u, a, tp, i % 20, tp || '#' || (i % 20), o, d, 'gateway-' || (i % 3), 1,
                   lower(concat_ws(E'\n', 'user ' || u, u, a, tp, tp || '#' || (i % 20), d, 'gateway-' || (i % 3)))
            FROM (
                SELECT i,
                       timestamptz '2026-01-01' - (i * interval '34.56 seconds') AS t,
                       'user-' || lpad((i::bigint * 7919 % 1000)::text, 4, '0') AS u,
                       (ARRAY['installed','paused','recovered','restarted','uninstalled','created template','edited template','deleted template','signed in','signed out','access denied'])[1 + i % 11] AS a,
                       'team-' || (i % 10) || '/' || (ARRAY['sd-webui','comfyui','sd-cpu','fooocus','kohya'])[1 + (i / 10) % 5] AS tp,
                       CASE WHEN i % 11 = 10 THEN 'Denied' WHEN i % 17 = 0 THEN 'Failed' ELSE 'Succeeded' END AS o,
                       CASE WHEN i % 17 = 0 THEN 'quota exceeded on host-' || (i % 50) ELSE NULL END AS d
                FROM generate_series(1, @rows) AS i
            ) g;
            ANALYZE audit_entries;
            """;
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand(Sql, db) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("rows", Rows);
        await command.ExecuteNonQueryAsync(ct);
    }
}
