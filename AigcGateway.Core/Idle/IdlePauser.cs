using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Idle;

/// <summary>
/// The leader's idle check (a <see cref="Coordination.LeaderTask"/>, every <see cref="IdleOptions.CheckInterval"/>): measures
/// the running instances when a meter is configured (busy samples count as activity and are persisted), decides each with
/// <see cref="IdlePolicy"/>, and pauses the due ones through the lifecycle (<see cref="InstanceService.AutoPauseAsync"/>:
/// one GameServerSet update with the automatic-pause record), recording each in the audit trail. A pause already made (by
/// a former leader or a person) writes nothing, so a lost leader means late pauses, never double pauses.
/// </summary>
internal sealed partial class IdlePauser(
    InstanceService instances,
    InstanceActivity activity,
    ActivityPersister persister,
    IUsageMeter? meter,
    IAutoPauseAudit? audit,
    IdleOptions options,
    TimeProvider time,
    ILogger<IdlePauser> logger)
{
    private readonly Dictionary<InstanceRef, UsageSample> _samples = [];
    private readonly Dictionary<InstanceRef, DateTimeOffset> _lastBusy = [];
    private bool _meterFailing;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await CheckAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.CheckInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One check of every running instance; returns the decisions made (for the tests and the logs).</summary>
    public async Task<IReadOnlyDictionary<InstanceRef, IdleDecision>> CheckAsync(CancellationToken cancellationToken)
    {
        var snapshot = instances.Snapshot;
        if (!snapshot.IsReady)
        {
            return new Dictionary<InstanceRef, IdleDecision>();
        }

        var running = instances.AllInstances().Where(i => i.State == InstanceState.Running).ToList();
        Forget(running.Select(i => i.Ref).ToHashSet());
        await MeasureAsync(running.Select(i => i.Ref).ToList(), cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var decisions = new Dictionary<InstanceRef, IdleDecision>();
        foreach (var instance in running)
        {
            if (!snapshot.Templates.TryGetValue(instance.Ref.Template, out var state))
            {
                continue;
            }

            var inputs = IdleFacts.Inputs(state.Template, snapshot.GameServer(instance.Ref), instance.State, null, activity.LastActivity(instance.Ref), options.DefaultTimeout) with
            {
                LastSample = _samples.GetValueOrDefault(instance.Ref),
                LastBusy = _lastBusy.TryGetValue(instance.Ref, out var busy) ? busy : null,
            };
            var decision = IdlePolicy.Decide(inputs, now, meter is not null);
            decisions[instance.Ref] = decision;
            if (decision.Phase == IdlePhase.PauseNow)
            {
                await PauseAsync(instance, decision, inputs.Settings, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return decisions;
    }

    private async Task PauseAsync(Instance instance, IdleDecision decision, IdleSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = new AutoPauseRecord(now, decision.LastActive, settings.Timeout!.Value, decision.LastSample);
        var result = await instances.AutoPauseAsync(instance.Ref, record, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            GatewayMetrics.IdlePauses.Add(1, GatewayMetrics.Template(instance.Ref.Template));
            LogPaused(instance.Ref, instance.Owner, decision.LastActive);
        }
        else
        {
            LogPauseFailed(instance.Ref, result.Error, result.Detail);
        }

        if (audit is not null)
        {
            await audit.RecordAsync(instance.Ref, instance.Owner, record, result, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Measures the running instances; busy ones count as active and are persisted. A failure is logged once and counted.</summary>
    private async Task MeasureAsync(IReadOnlyCollection<InstanceRef> running, CancellationToken cancellationToken)
    {
        if (meter is null || running.Count == 0)
        {
            return;
        }

        IReadOnlyDictionary<InstanceRef, UsageSample> samples;
        try
        {
            samples = await meter.MeasureAsync(running, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageMeterException ex)
        {
            GatewayMetrics.UsageMeterFailures.Add(1);
            if (!_meterFailing)
            {
                _meterFailing = true;
                LogMeterFailed(ex);
            }

            return; // the samples kept age: without fresh ones nobody is paused (IdlePolicy.SampleMaxAge)
        }

        if (_meterFailing)
        {
            _meterFailing = false;
            LogMeterRecovered();
        }

        var snapshot = instances.Snapshot;
        foreach (var (instance, sample) in samples)
        {
            _samples[instance] = sample;
            var template = snapshot.Templates.GetValueOrDefault(instance.Template)?.Template;
            if (template is not null && sample.IsBusy(IdleSettings.For(template, options.DefaultTimeout).BusyGpuPercent))
            {
                _lastBusy[instance] = sample.At;
                await persister.PersistAsync(instance, sample.At, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Forget(HashSet<InstanceRef> running)
    {
        foreach (var gone in _samples.Keys.Concat(_lastBusy.Keys).Where(i => !running.Contains(i)).ToList())
        {
            _samples.Remove(gone);
            _lastBusy.Remove(gone);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Paused {Instance} of {Owner}: idle since {LastActive}")]
    private partial void LogPaused(InstanceRef instance, string owner, DateTimeOffset? lastActive);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not pause the idle instance {Instance}: {Error} {Detail}")]
    private partial void LogPauseFailed(InstanceRef instance, OperationError? error, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GPU/CPU use could not be measured; no instance is paused until it can be (logged once until it recovers)")]
    private partial void LogMeterFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "GPU/CPU use can be measured again")]
    private partial void LogMeterRecovered();
}
