using System.Threading.Channels;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>
/// The audit log's write side: callers hand entries over without waiting (a bounded channel); <see cref="RunAsync"/>
/// migrates the database, then writes the entries in batches. While the database is down the entries wait (up to the
/// channel's capacity plus one batch) and are written once it is back, retried with backoff; entries that find the
/// buffer full are dropped and counted.
/// </summary>
internal sealed partial class AuditWriter : IAuditLog, IAuditStoreStatus
{
    private readonly GatewayDatabase _database;
    private readonly DatabaseMigrator _migrator;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Channel<AuditEntry> _channel;
    private readonly DenialCounter _denials;
    private readonly List<AuditEntry> _batch = [];
    private readonly Lock _lock = new();
    private AuditStoreState _state = AuditStoreState.Starting;
    private long _dropped;
    private int _batchCount;
    private bool _remigrate;
    private bool _remigrated;
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditWriter(GatewayDatabase database, DatabaseMigrator migrator, TimeProvider time, ILogger<AuditWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _migrator = migrator;
        _options = database.Options;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(_options.AuditBufferCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _denials = new DenialCounter(_options.DenialKeysPerMinute, _options.Replica);
    }

    public event Action? Changed;

    public AuditStoreState State
    {
        get
        {
            lock (_lock)
            {
                return _state with { Waiting = _channel.Reader.Count + Volatile.Read(ref _batchCount), Dropped = Interlocked.Read(ref _dropped) };
            }
        }
    }

    /// <summary>True once the database has been migrated (queries may run).</summary>
    public bool Migrated => _migrated.Task.IsCompleted;

    /// <summary>Completes once the database has been migrated.</summary>
    public Task WhenMigrated => _migrated.Task;

    public void Record(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Enqueue(entry with
        {
            ActorId = entry.ActorId ?? AuditActor.IdOf(entry.Actor),
            Replica = entry.Replica ?? _options.Replica,
        });
    }

    public void RecordDenial(string userId, string host, InstanceRef? instance, string? detail)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(host);
        foreach (var entry in _denials.Add(_time.GetUtcNow(), userId, host, instance, detail))
        {
            Enqueue(entry);
        }
    }

    private void Enqueue(AuditEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            if (Interlocked.Increment(ref _dropped) is var dropped && (dropped & (dropped - 1)) == 0)
            {
                // 1, 2, 4, 8, ...: the log says it keeps happening without repeating itself for every entry
                LogDropped(_logger, dropped, _options.AuditBufferCapacity);
            }

            Changed?.Invoke();
        }
    }

    /// <summary>Migrates, then writes until <paramref name="cancellationToken"/> ends; then writes what is left once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!Migrated || _remigrate)
                {
                    if (_remigrate)
                    {
                        LogMigratingAgain(_logger, _database.Provider);
                    }

                    await _migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
                    _migrated.TrySetResult();
                    (_remigrate, _remigrated) = (false, _remigrate);
                    SetAvailable();
                }

                if (_batch.Count == 0)
                {
                    await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var entry in _denials.TakeEnded(_time.GetUtcNow()))
                    {
                        Enqueue(entry);
                    }
                }

                if (_database.SqliteFileReplaced())
                {
                    // the file was deleted: writing on would go to the deleted file
                    _remigrate = true;
                    continue;
                }

                await WriteBatchAsync(cancellationToken).ConfigureAwait(false);
                delay = _options.RetryDelay;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (StoreErrors.IsUnavailable(e))
            {
                if (StoreErrors.IsMissingTable(e))
                {
                    // an empty database took the old one's place: migrate again (at once the first time, then with backoff)
                    _remigrate = true;
                    if (!_remigrated)
                    {
                        continue;
                    }
                }

                SetUnavailable(e);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }

        await FlushOnStopAsync().ConfigureAwait(false);
    }

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        if (_channel.Reader.Count > 0)
        {
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readable = _channel.Reader.WaitToReadAsync(waiting.Token).AsTask();
        var tasks = new List<Task> { readable };
        if (_denials.Due is { } due)
        {
            tasks.Add(Task.Delay(Max(due - _time.GetUtcNow(), TimeSpan.Zero), _time, waiting.Token));
        }
        else
        {
            // denials may start while we wait: look again once a minute
            tasks.Add(Task.Delay(TimeSpan.FromMinutes(1), _time, waiting.Token));
        }

        var first = await Task.WhenAny(tasks).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        await first.ConfigureAwait(false);
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        while (_batch.Count < _options.AuditBatchSize && _channel.Reader.TryRead(out var entry))
        {
            _batch.Add(entry);
        }

        Volatile.Write(ref _batchCount, _batch.Count);
        if (_batch.Count == 0)
        {
            return;
        }

        if (_database.Provider == DatabaseProvider.PostgreSql)
        {
            await AuditRowCopy.WriteAsync(_options.ConnectionString, [.. _batch.Select(AuditRowMapping.ToRow)], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using var context = _database.CreateContext();
            context.AuditEntries.AddRange(_batch.Select(AuditRowMapping.ToRow));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        _batch.Clear();
        _remigrated = false;
        Volatile.Write(ref _batchCount, 0);
        SetAvailable();
        Changed?.Invoke();
    }

    /// <summary>At shutdown: the counted denials and the waiting entries get one more chance (a few seconds at most).</summary>
    private async Task FlushOnStopAsync()
    {
        foreach (var entry in _denials.TakeEnded(null))
        {
            Enqueue(entry);
        }

        if (!Migrated || _batch.Count + _channel.Reader.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while (_batch.Count + _channel.Reader.Count > 0)
            {
                await WriteBatchAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException || StoreErrors.IsUnavailable(e))
        {
            LogLostAtStop(_logger, _batch.Count + _channel.Reader.Count);
        }
    }

    private void SetAvailable()
    {
        bool changed;
        lock (_lock)
        {
            changed = !_state.Available;
            _state = _state with { Available = true, UnavailableSince = null, Problem = null };
        }

        if (changed)
        {
            LogAvailable(_logger, _database.Provider);
            Changed?.Invoke();
        }
    }

    private void SetUnavailable(Exception error)
    {
        bool changed;
        var problem = StoreErrors.Describe(error);
        lock (_lock)
        {
            changed = _state.Available;
            _state = _state with { Available = false, UnavailableSince = _state.UnavailableSince ?? _time.GetUtcNow(), Problem = problem };
        }

        if (changed)
        {
            LogUnavailable(_logger, error, _database.Provider, problem);
            Changed?.Invoke();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit store ({Provider}) cannot be reached: {Problem}; entries wait in memory and are written when it is back")]
    private static partial void LogUnavailable(ILogger logger, Exception error, DatabaseProvider provider, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit store's tables are gone ({Provider}: the database was replaced by an empty one); migrating it again")]
    private static partial void LogMigratingAgain(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "The audit store ({Provider}) is available")]
    private static partial void LogAvailable(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entries dropped: {Dropped} so far (the buffer of {Capacity} entries is full while the audit store is unavailable)")]
    private static partial void LogDropped(ILogger logger, long dropped, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} audit entries could not be written before the gateway stopped")]
    private static partial void LogLostAtStop(ILogger logger, int count);
}
