using AigcGateway.Core.Access;
using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Bench.Idle;

/// <summary>
/// The gateway's policy as its leader runs it for one instance: the real <see cref="InstanceActivity"/> stamps forward-auth
/// requests on the fake clock, every check measures the pod (a <see cref="UsageSample"/>), the last activity is persisted
/// on the GameServer at most once a minute and only forward (through the annotation's text), Keep running goes through
/// <see cref="IdlePolicy.ValidateKeepRunning"/> and <see cref="IdlePolicy.KeepRunningUntil"/>, and the decision is
/// <see cref="IdlePolicy.Decide"/> on <see cref="IdleFacts.Inputs"/> with a meter configured. A pause deletes the
/// GameServer, so a recovered instance starts with none of its annotations; this replica's memory survives it.
/// </summary>
internal sealed class GatewayRule : IPauseRule
{
    private static readonly TemplateRef TemplateRef = new("aigc", "sd-gpu");
    private static readonly InstanceRef Instance = new(TemplateRef, 0);

    private readonly FakeTimeProvider _clock;
    private readonly Template _template;
    private readonly IdleOptions _options = new();
    private InstanceActivity _activity;
    private GameServerObservation? _gameServer;
    private DateTimeOffset? _lastBusy;
    private UsageSample? _lastSample;
    private DateTimeOffset _lastPersisted = DateTimeOffset.MinValue;

    public GatewayRule(FakeTimeProvider clock, TimeSpan idleTimeout)
    {
        _clock = clock;
        _activity = new InstanceActivity(clock);
        _template = new Template
        {
            Ref = TemplateRef,
            DisplayName = "Stable Diffusion (GPU)",
            Resources = new ResourceSummary(1, 24, "4", "16Gi", null),
            Network = new TemplateNetwork(TemplateNetwork.Ingress, [new("Host", "sd-<id>.aigc.test")]),
            IdleTimeout = idleTimeout,
        };
    }

    public IdleSettings Settings => IdleSettings.For(_template);

    public void Started(DateTimeOffset at) => _gameServer = new GameServerObservation { Id = Instance.Id, CurrentState = "Ready", Created = at };

    public void Request(DateTimeOffset at) => _activity.Stamp(Instance);

    public void KeepRunning(DateTimeOffset at, TimeSpan requested)
    {
        if (_gameServer is null || IdlePolicy.ValidateKeepRunning(Settings, requested) is not null)
        {
            return;
        }

        var until = IdlePolicy.KeepRunningUntil(at, requested, _gameServer.KeepRunningUntil);
        _gameServer = _gameServer with { KeepRunningUntil = IdleAnnotations.Parse(IdleAnnotations.Format(until)) };
    }

    public void Restarted()
    {
        _activity = new InstanceActivity(_clock);
        _lastBusy = null;
        _lastSample = null;
    }

    public IdlePhase Check(DateTimeOffset now, bool framesFlowing, UsageSample sample)
    {
        _lastSample = sample;
        if (sample.IsBusy(Settings.BusyGpuPercent))
        {
            _lastBusy = now;
        }

        var stamped = _activity.LastActivity(Instance);
        Persist(now, stamped);
        var inputs = IdleFacts.Inputs(_template, _gameServer, InstanceState.Running, pending: null, stamped, defaultTimeout: null)
            with { LastSample = _lastSample, LastBusy = _lastBusy };
        return IdlePolicy.Decide(inputs, now, usageMeasured: true).Phase;
    }

    /// <summary>The leader's write of <c>aigc-gateway.io/last-active</c>: at most once a minute, only forward.</summary>
    private void Persist(DateTimeOffset now, DateTimeOffset? stamped)
    {
        if (_gameServer is null || now - _lastPersisted < _options.PersistInterval)
        {
            return;
        }

        var latest = new[] { stamped, _lastBusy, _gameServer.LastActive }.Max();
        if (latest is { } value && value > _gameServer.LastActive.GetValueOrDefault())
        {
            _gameServer = _gameServer with { LastActive = IdleAnnotations.Parse(IdleAnnotations.Format(value)) };
            _lastPersisted = now;
        }
    }
}
