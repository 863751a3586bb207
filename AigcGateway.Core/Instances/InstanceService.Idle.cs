using AigcGateway.Core.Idle;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>The user's postponement of the idle pause (<see cref="IInstanceService.KeepRunningAsync"/>).</summary>
internal sealed partial class InstanceService
{
    public async Task<OperationResult> KeepRunningAsync(string userId, InstanceRef instance, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var snapshot = _hub.Current;
        if (LifecyclePrecheck.Refusal(snapshot, userId, instance.Template, out var state) is { } refused)
        {
            return refused;
        }

        if (LifecyclePrecheck.NotOwner(state!, userId, instance) is { } notOwner)
        {
            return notOwner;
        }

        var gameServer = snapshot.GameServer(instance);
        if (state!.Reserved.Contains(instance.Id) || gameServer is not { IsRunning: true })
        {
            return OperationResult.Fail(OperationError.NotRunning, instance);
        }

        var settings = IdleSettings.For(state.Template, _options.Idle.DefaultTimeout);
        if (IdlePolicy.ValidateKeepRunning(settings, duration) is { } invalid)
        {
            return OperationResult.Fail(
                invalid switch
                {
                    KeepRunningRefusal.NotGoverned => OperationError.IdleNotGoverned,
                    KeepRunningRefusal.NotPositive => OperationError.KeepRunningInvalid,
                    _ => OperationError.KeepRunningTooLong,
                },
                instance);
        }

        var until = IdlePolicy.KeepRunningUntil(_time.GetUtcNow(), duration, gameServer.KeepRunningUntil);
        if (gameServer.KeepRunningUntil >= until.AddSeconds(-1))
        {
            return OperationResult.Ok(instance); // a longer postponement is already in force
        }

        if (_annotations is null)
        {
            return OperationResult.Fail(OperationError.ClusterError, instance, "No GameServer annotation writer is registered.");
        }

        try
        {
            await _annotations.SetAsync(instance, IdleAnnotations.KeepRunningUntil, IdleAnnotations.Format(until), cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException ex)
        {
            LogOperationFailed(ex, "keep running", instance);
            return OperationResult.Fail(ex.StatusCode == 404 ? OperationError.NotRunning : OperationError.ClusterError, instance, ex.Message);
        }

        LogKeptRunning(userId, instance, until);
        return OperationResult.Ok(instance);
    }

    /// <summary>
    /// The gateway's pause of an idle instance: the owner's pause (one GameServerSet update, ownership kept, the owner check
    /// on the newest state, nothing written when already paused) with <paramref name="record"/> written in the same update.
    /// </summary>
    internal Task<OperationResult> AutoPauseAsync(InstanceRef instance, AutoPauseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(record);
        return _hub.Current.OwnerOf(instance) is { } owner
            ? ChangeReservationAsync(owner, instance, PendingOperation.Pause, cancellationToken, record)
            : Task.FromResult(OperationResult.Fail(OperationError.NotInstalled, instance));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} keeps {Instance} running until {Until}")]
    private partial void LogKeptRunning(string userId, InstanceRef instance, DateTimeOffset until);
}
