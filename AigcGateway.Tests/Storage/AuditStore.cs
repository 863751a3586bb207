using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Storage;

/// <summary>The store's production parts on one database, with the writer running in the background until disposed.</summary>
internal sealed class AuditStore : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public AuditStore(StorageOptions options, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Database = new GatewayDatabase(options);
        Migrator = new DatabaseMigrator(Database, NullLogger<DatabaseMigrator>.Instance);
        Writer = new AuditWriter(Database, Migrator, Time, NullLogger<AuditWriter>.Instance);
        Query = new AuditQuery(Database);
        Pruner = new AuditPruner(Database, Time, NullLogger<AuditPruner>.Instance);
    }

    public TimeProvider Time { get; }

    public GatewayDatabase Database { get; }

    public DatabaseMigrator Migrator { get; }

    public AuditWriter Writer { get; }

    public AuditQuery Query { get; }

    public AuditPruner Pruner { get; }

    /// <summary>Starts the writer (it migrates first) and waits until the database is migrated.</summary>
    public async Task<AuditStore> StartAsync()
    {
        _running = Writer.RunAsync(_stop.Token);
        await Writer.WhenMigrated.WaitAsync(TimeSpan.FromSeconds(60), Xunit.TestContext.Current.CancellationToken);
        return this;
    }

    /// <summary>Starts the writer without waiting (the database may be down).</summary>
    public void StartWriting() => _running = Writer.RunAsync(_stop.Token);

    /// <summary>Every stored entry matching <paramref name="filter"/>, newest first.</summary>
    public async Task<List<AuditEntry>> AllAsync(AuditFilter? filter = null)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in Query.AllAsync(filter ?? AuditFilter.None, Xunit.TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Waits until <paramref name="count"/> entries are stored and nothing waits in memory (fails on timeout).</summary>
    public async Task WrittenAsync(int count, TimeSpan? timeout = null)
    {
        var stored = 0;
        try
        {
            await Eventually.HoldsAsync(
                async () => Writer.State.Waiting == 0 && (stored = (await AllAsync()).Count) >= count,
                $"{count} audit entries are stored",
                timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Stored: {stored}; writer: {Writer.State}; running: {_running?.Status}, {_running?.Exception?.GetBaseException().Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _stop.Dispose();
    }
}
