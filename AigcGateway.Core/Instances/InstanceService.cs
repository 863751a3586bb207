using System.Collections.Immutable;
using AigcGateway.Core.Access;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>
/// The lifecycle (install, pause, recover, restart, uninstall) and the per-user views. Reads come from the snapshot;
/// every GameServerSet change is one update with the resourceVersion it was computed from, retried on 409 after
/// re-reading. Writes to one template are queued within the process, so conflicts only come from other writers.
/// </summary>
internal sealed partial class InstanceService : IInstanceService, ICatalog
{
    private readonly SnapshotHub _hub;
    private readonly ITemplateStore _store;
    private readonly IUserInstanceMirror _mirror;
    private readonly LifecycleOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InstanceService> _logger;
    private readonly PendingOperations _pending;
    private readonly TemplateWriter _writer;
    private readonly DashboardFeed _feed;
    private readonly LoggedMirror _loggedMirror;
    private readonly Idle.IGameServerAnnotations? _annotations;

    public InstanceService(
        SnapshotHub hub,
        ITemplateStore store,
        IUserInstanceMirror mirror,
        LifecycleOptions options,
        TimeProvider time,
        ILogger<InstanceService> logger,
        InstanceActivity? activity = null,
        TemplateWriter? writer = null,
        Idle.IGameServerAnnotations? annotations = null)
    {
        _writer = writer ?? new TemplateWriter(hub, store, options, time, logger);
        _hub = hub;
        _store = store;
        _mirror = mirror;
        _options = options;
        _time = time;
        _logger = logger;
        _pending = new PendingOperations(hub, time, options.PendingTimeout);
        _feed = new DashboardFeed(hub, _pending, options, time, activity);
        _loggedMirror = new LoggedMirror(mirror, logger);
        _annotations = annotations;
        Verification = new IdVerification(hub, _writer, _pending, _loggedMirror, logger);
    }

    /// <summary>The writer every change of this lifecycle goes through (shared with adoption and the id releaser).</summary>
    internal TemplateWriter Writer => _writer;

    /// <summary>Id verification over this lifecycle's pending operations (run in the background by <see cref="IdVerificationService"/>).</summary>
    internal IdVerification Verification { get; }

    /// <summary>What the user's dashboard shows (shared with the administrators' projections).</summary>
    internal DashboardFeed Feed => _feed;

    public ClusterSnapshot Snapshot => _hub.Current;

    public ImmutableArray<Template> Templates => [.. _hub.Current.Templates.Values.Select(t => t.Template)];

    public Template? Find(TemplateRef template) => _hub.Current.Templates.GetValueOrDefault(template)?.Template;

    public Task<DashboardSubscription> SubscribeAsync(string userId, CancellationToken cancellationToken) =>
        _feed.SubscribeAsync(userId, cancellationToken);

    /// <summary>Checks that OKG created the ids this process recorded (<see cref="IdVerification.VerifyAsync"/>).</summary>
    public Task<int> VerifyIdsAsync(TemplateRef template, CancellationToken cancellationToken) =>
        Verification.VerifyAsync(template, cancellationToken);

    public async Task<OperationResult> InstallAsync(string userId, TemplateRef template, CancellationToken cancellationToken)
    {
        if (LifecyclePrecheck.Refusal(_hub.Current, userId, template, out var current, starts: true) is { } refused)
        {
            return refused;
        }

        if (LifecyclePlanner.OwnedBy(current!, userId) is { } existing
            && _pending.Get(new InstanceRef(template, existing))?.Operation is not (PendingOperation.Uninstall or PendingOperation.Uninstalled))
        {
            // answered from the cache; the queue below re-checks against the latest written state
            return OperationResult.Ok(new InstanceRef(template, existing));
        }

        InstanceRef? created = null;
        var result = await UpdateAsync(template, basis =>
        {
            if (LifecyclePlanner.OwnedBy(basis, userId) is { } owned)
            {
                return new TemplatePlan(null, OperationResult.Ok(new InstanceRef(template, owned)));
            }

            if (basis.Deletion is not null)
            {
                return new TemplatePlan(null, OperationResult.Fail(OperationError.TemplateNotInstallable));
            }

            var (id, write) = LifecyclePlanner.Install(basis, _hub.Current.GameServerIds(template), userId);
            created = new InstanceRef(template, id);
            return new TemplatePlan(write, OperationResult.Ok(created));
        }, cancellationToken).ConfigureAwait(false);

        if (result.Succeeded && result.Instance == created)
        {
            _pending.Start(created!, userId, PendingOperation.Install);
            LogInstalled(userId, created!);
            await _loggedMirror.RecordAsync(userId, created!, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public Task<OperationResult> PauseAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        ChangeReservationAsync(userId, instance, PendingOperation.Pause, cancellationToken);

    public Task<OperationResult> RecoverAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        ChangeReservationAsync(userId, instance, PendingOperation.Recover, cancellationToken);

    /// <summary>
    /// Pause (reserve the id, one replica fewer) or recover (release it, one more), in one GameServerSet update;
    /// doing nothing when the instance is already in that state.
    /// </summary>
    /// <param name="idle">for the gateway's own pause of an idle instance: the record written with it</param>
    private async Task<OperationResult> ChangeReservationAsync(
        string userId, InstanceRef instance, PendingOperation operation, CancellationToken cancellationToken, Idle.AutoPauseRecord? idle = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var pause = operation == PendingOperation.Pause;
        if (LifecyclePrecheck.Refusal(_hub.Current, userId, instance.Template, out _, starts: !pause) is { } refused)
        {
            return refused;
        }

        var wrote = false;
        var result = await UpdateAsync(instance.Template, basis =>
        {
            if (LifecyclePrecheck.NotOwner(basis, userId, instance) is { } error)
            {
                return new TemplatePlan(null, error);
            }

            if (basis.Reserved.Contains(instance.Id) == pause)
            {
                return new TemplatePlan(null, OperationResult.Ok(instance));
            }

            if (!pause && basis.Deletion is not null)
            {
                return new TemplatePlan(null, OperationResult.Fail(OperationError.TemplateNotInstallable, instance));
            }

            wrote = true;
            var write = pause
                ? LifecyclePlanner.Pause(basis, instance.Id)
                : LifecyclePlanner.Recover(basis, _hub.Current.GameServerIds(instance.Template), instance.Id);
            return new TemplatePlan(Idle.AutoPauseRecords.With(basis, instance.Id, write, idle), OperationResult.Ok(instance));
        }, cancellationToken).ConfigureAwait(false);

        if (result.Succeeded && !wrote)
        {
            _pending.ClearFailure(instance);
        }

        if (result.Succeeded && wrote)
        {
            _pending.Start(instance, userId, operation);
            if (pause)
            {
                LogPaused(userId, instance);
            }
            else
            {
                LogRecovered(userId, instance);
            }

            await _loggedMirror.RecordAsync(userId, instance, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public async Task<OperationResult> RestartAsync(string userId, InstanceRef instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (LifecyclePrecheck.Refusal(_hub.Current, userId, instance.Template, out var state) is { } refused)
        {
            return refused;
        }

        if (LifecyclePrecheck.NotOwner(state!, userId, instance) is { } notOwner)
        {
            return notOwner;
        }

        if (state!.Reserved.Contains(instance.Id))
        {
            return OperationResult.Fail(OperationError.NotRunning, instance);
        }

        _pending.Start(instance, userId, PendingOperation.Restart, _hub.Current.GameServer(instance)?.Uid);
        try
        {
            await _store.DeletePodAsync(instance, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException ex)
        {
            _pending.Clear(instance);
            LogOperationFailed(ex, "restart", instance);
            return OperationResult.Fail(OperationError.ClusterError, instance, ex.Message);
        }

        LogRestarted(userId, instance);
        return OperationResult.Ok(instance);
    }

    public async Task<OperationResult> UninstallAsync(string userId, InstanceRef instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (LifecyclePrecheck.Refusal(_hub.Current, userId, instance.Template, out _) is { } refused)
        {
            return refused;
        }

        _pending.Start(instance, userId, PendingOperation.Uninstall);

        // 1. stop it (one update: replicas - 1 and the id reserved); the record stays while data exists
        TemplateState? stopped = null;
        var result = await UpdateAsync(instance.Template, basis =>
        {
            stopped = basis;
            if (LifecyclePrecheck.NotOwner(basis, userId, instance) is { } error)
            {
                return new TemplatePlan(null, error);
            }

            return basis.Reserved.Contains(instance.Id)
                ? new TemplatePlan(null, OperationResult.Ok(instance))
                : new TemplatePlan(LifecyclePlanner.Pause(basis, instance.Id), OperationResult.Ok(instance));
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return FailUninstall(userId, instance, result);
        }

        // 2. delete every PVC of the instance once its pod is gone (a PVC in use is only deleted when the pod goes)
        await PodDeparture.WaitAsync(_hub, instance, _options.UninstallPodWait, _time, cancellationToken).ConfigureAwait(false);
        var gone = true;
        foreach (var volume in stopped!.DataVolumesOf(instance.Id))
        {
            try
            {
                gone &= await _store.DeleteVolumeAsync(instance.Template.Namespace, volume, cancellationToken).ConfigureAwait(false);
            }
            catch (ClusterException ex)
            {
                LogOperationFailed(ex, "uninstall (delete volume " + volume + ")", instance);
                return FailUninstall(userId, instance, OperationResult.Fail(OperationError.ClusterError, instance, ex.Message));
            }
        }

        // 3. release the record (and the id, unless a volume is still terminating)
        result = await UpdateAsync(instance.Template, basis =>
        {
            if (!basis.Owners.TryGetValue(instance.Id, out var owner))
            {
                return new TemplatePlan(null, OperationResult.Ok(instance));
            }

            return !string.Equals(owner, userId, StringComparison.Ordinal)
                ? new TemplatePlan(null, OperationResult.Fail(OperationError.NotOwner, instance))
                : new TemplatePlan(Idle.AutoPauseRecords.With(basis, instance.Id, LifecyclePlanner.Release(basis, instance.Id, gone), null), OperationResult.Ok(instance));
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return FailUninstall(userId, instance, result);
        }

        _pending.Start(instance, userId, PendingOperation.Uninstalled);
        LogUninstalled(userId, instance, gone);
        await _loggedMirror.ForgetAsync(userId, instance, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private OperationResult FailUninstall(string userId, InstanceRef instance, OperationResult result)
    {
        if (result.Error is OperationError.NotOwner or OperationError.NotInstalled or OperationError.TemplateNotFound or OperationError.TemplateNotInstallable
            or OperationError.InstanceMissing)
        {
            _pending.Clear(instance);
        }
        else
        {
            _pending.Fail(instance, userId, PendingOperation.Uninstall, new InstanceDiagnostic(DiagnosticReason.OperationFailed, result.Detail ?? result.Error?.ToString()));
        }

        return result;
    }

    /// <summary>One guarded GameServerSet update through the <see cref="TemplateWriter"/>; <paramref name="written"/> sees the state the write returned.</summary>
    internal Task<OperationResult> UpdateAsync(TemplateRef template, Func<TemplateState, TemplatePlan> plan, CancellationToken cancellationToken, Action<TemplateState>? written = null) =>
        _writer.UpdateAsync(template, plan, cancellationToken, written);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} installed {Instance}")]
    private partial void LogInstalled(string userId, InstanceRef instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} paused {Instance}")]
    private partial void LogPaused(string userId, InstanceRef instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} recovered {Instance}")]
    private partial void LogRecovered(string userId, InstanceRef instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} restarted {Instance}")]
    private partial void LogRestarted(string userId, InstanceRef instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} uninstalled {Instance} (id released: {IdReleased})")]
    private partial void LogUninstalled(string userId, InstanceRef instance, bool idReleased);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {Operation} on {Instance} failed")]
    private partial void LogOperationFailed(Exception exception, string operation, InstanceRef instance);
}
