namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// Fault injection for the Kubernetes API emulator. Pod faults apply to the pods of one GameServerSet (template) that
/// are scheduled or started after the call; API faults apply to the next HTTP requests; connection faults to the
/// transport (see <see cref="EmulatorOutage"/>).
/// </summary>
public sealed class KubernetesEmulatorFaults
{
    private readonly Lock _lock = new();
    private readonly ObjectStore _store;
    private readonly OkgController _controller;
    private int _failingWrites;
    private int _failureCode;

    internal KubernetesEmulatorFaults(ObjectStore store, OkgController controller, TimeProvider time)
    {
        _store = store;
        _controller = controller;
        Outage = new EmulatorOutage(store, time);
    }

    /// <summary>True while <see cref="MakeUnreachableAsync"/> is in force.</summary>
    public bool IsUnreachable => Outage.IsActive;

    /// <summary>Connections reset on arrival by <see cref="UnreachableMode.Reset"/> outages so far (each is a client's attempt).</summary>
    public long ResetOnArrival => Outage.Host?.ResetOnAccept ?? 0;

    internal EmulatorOutage Outage { get; }

    /// <summary>Pods of the template stay Pending with a FailedScheduling event ("0/3 nodes are available: 3 Insufficient {resource}.").</summary>
    public void MakeUnschedulable(string ns, string gameServerSet, string resource = "nvidia.com/gpu") =>
        _controller.SetFault(ns, gameServerSet, f => f with { UnschedulableResource = resource });

    /// <summary>
    /// Lifts <see cref="MakeUnschedulable"/> as a freed node would: pending pods of the template are scheduled (their
    /// FailedScheduling events stay, as on a real cluster), and the template's other faults still apply.
    /// </summary>
    public void AllowScheduling(string ns, string gameServerSet) => _controller.AllowScheduling(ns, gameServerSet);

    /// <summary>Image pulls of the template fail: ErrImagePull, then ImagePullBackOff.</summary>
    public void FailImagePull(string ns, string gameServerSet) =>
        _controller.SetFault(ns, gameServerSet, f => f with { ImagePullFailure = true });

    /// <summary>Containers of the template exit with <paramref name="exitCode"/> right after starting: CrashLoopBackOff.</summary>
    public void CrashLoop(string ns, string gameServerSet, int exitCode = 1) =>
        _controller.SetFault(ns, gameServerSet, f => f with { CrashExitCode = exitCode });

    /// <summary>Pods of the template take <paramref name="extraDelay"/> longer to start.</summary>
    public void SlowStart(string ns, string gameServerSet, TimeSpan extraDelay) =>
        _controller.SetFault(ns, gameServerSet, f => f with { ExtraStartDelay = extraDelay });

    /// <summary>
    /// Removes the pod faults of the template: unscheduled pods are scheduled again, pods in ErrImagePull,
    /// ImagePullBackOff or CrashLoopBackOff start normally (as the scheduler and kubelet retry), and slow starts finish.
    /// </summary>
    public void Clear(string ns, string gameServerSet) => _controller.ClearFault(ns, gameServerSet);

    /// <summary>The next <paramref name="count"/> write requests (POST, PUT, PATCH, DELETE) answer 409 Conflict or 500.</summary>
    public void FailNextWrites(int count, int statusCode = 500)
    {
        if (statusCode is not (409 or 500))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "409 or 500");
        }

        lock (_lock)
        {
            _failingWrites = count;
            _failureCode = statusCode;
        }
    }

    /// <summary>Ends every open watch stream (the clients see the stream close).</summary>
    public void DropWatches() => _store.DropWatches();

    /// <summary>Forgets the change history: the next watch or list from an earlier resourceVersion answers 410.</summary>
    public void CompactHistory() => _store.Compact();

    /// <summary>
    /// Makes the whole API unreachable for <paramref name="duration"/> (on the emulator's clock): connections are refused
    /// (<see cref="UnreachableMode.Refused"/>, an API server restarting) or reset (<see cref="UnreachableMode.Reset"/>).
    /// Completes once the outage has begun; it ends by itself, or earlier with <see cref="RestoreAsync"/>.
    /// </summary>
    public Task MakeUnreachableAsync(TimeSpan duration, UnreachableMode mode = UnreachableMode.Refused) => Outage.BeginAsync(duration, mode);

    /// <summary>Ends an outage now (no-op when there is none); completes when the API answers again.</summary>
    public Task RestoreAsync() => Outage.EndAsync();

    /// <summary>Resets every open connection once (requests in flight and every watch fail at the same moment); new ones work.</summary>
    public void ResetConnections() => Outage.ResetConnections();

    internal int? TakeWriteFailure()
    {
        lock (_lock)
        {
            if (_failingWrites <= 0)
            {
                return null;
            }

            _failingWrites--;
            return _failureCode;
        }
    }
}
