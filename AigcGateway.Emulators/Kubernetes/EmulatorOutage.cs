namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// Connection faults of the emulated API server: an outage of a given length (connections refused or reset) and a
/// one-off reset of every open connection. One outage at a time; a new one ends the previous one first.
/// </summary>
internal sealed class EmulatorOutage(ObjectStore store, TimeProvider time)
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;
    private Task _ending = Task.CompletedTask;

    /// <summary>The listener the faults act on (set once the emulator listens).</summary>
    public EmulatorHost? Host { get; set; }

    public bool IsActive
    {
        get
        {
            lock (_lock)
            {
                return _current is not null;
            }
        }
    }

    public async Task BeginAsync(TimeSpan duration, UnreachableMode mode)
    {
        await EndAsync().ConfigureAwait(false);
        var host = Host ?? throw new InvalidOperationException("the emulator does not listen yet");
        var outage = new CancellationTokenSource();
        lock (_lock)
        {
            _current = outage;
        }

        if (mode == UnreachableMode.Refused)
        {
            await host.StopListeningAsync().ConfigureAwait(false);
        }
        else
        {
            host.ResetNewConnections = true;
            host.ResetOpenConnections();
        }

        store.DropWatches();
        var elapsed = Task.Delay(duration, time, outage.Token); // started now: the clock counts from the beginning
        _ending = Task.Run(async () =>
        {
            try
            {
                await elapsed.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // ended early
            }

            await RestoreAsync(host, mode, outage).ConfigureAwait(false);
        }, CancellationToken.None);
    }

    public async Task EndAsync()
    {
        CancellationTokenSource? outage;
        lock (_lock)
        {
            outage = _current;
        }

        if (outage is not null)
        {
            await outage.CancelAsync().ConfigureAwait(false);
        }

        await _ending.ConfigureAwait(false);
    }

    public void ResetConnections() => Host?.ResetOpenConnections();

    private async Task RestoreAsync(EmulatorHost host, UnreachableMode mode, CancellationTokenSource outage)
    {
        if (mode == UnreachableMode.Refused)
        {
            // a restarted API server rebuilds its watch cache: every watch resumed from an earlier version gets 410
            store.Compact();
            await host.ListenAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            host.ResetNewConnections = false;
        }

        lock (_lock)
        {
            if (_current == outage)
            {
                _current = null;
            }
        }

        // not disposed: EndAsync may still cancel it (a token source without timers holds nothing to release)
    }
}
