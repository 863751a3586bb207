using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>Everything known about one id of a template, from which its state is derived.</summary>
public sealed record InstanceFacts
{
    /// <summary>The owner in the ownership record; null when the id is not recorded.</summary>
    public string? Owner { get; init; }

    /// <summary>The id is in <c>spec.reserveGameServerIds</c>.</summary>
    public bool Reserved { get; init; }

    public GameServerObservation? GameServer { get; init; }

    /// <summary>The instance's pod, when the cache has it (more recent than the GameServer's copy).</summary>
    public PodObservation? Pod { get; init; }

    /// <summary>At least one data volume (PVC) of this id exists.</summary>
    public bool HasDataVolume { get; init; }

    public DiagnosticInputs? Diagnostics { get; init; }

    public PendingMarker? Pending { get; init; }

    /// <summary>
    /// The id is among those OKG keeps or is about to create (<see cref="OkgSettlement.Running(Templates.TemplateState, IEnumerable{int})"/>).
    /// An owned id without a GameServer, pod or reservation that OKG will not create is <see cref="InstanceState.Missing"/>.
    /// </summary>
    public bool ExpectedByController { get; init; } = true;
}
