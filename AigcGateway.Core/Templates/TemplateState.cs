using System.Collections.Immutable;
using System.Globalization;

namespace AigcGateway.Core.Templates;

/// <summary>
/// A template and its desired state as last read: replicas, the explicit reserve list and the ownership record,
/// with the resourceVersion every write must carry.
/// </summary>
public sealed record TemplateState
{
    public required Template Template { get; init; }

    public required int Replicas { get; init; }

    public required ReserveIdSet Reserved { get; init; }

    public required ImmutableSortedDictionary<int, string> Owners { get; init; }

    public required string ResourceVersion { get; init; }

    /// <summary>Users whose Logto entry for this template may be out of date (durable mirror marks): user id -> since.</summary>
    public ImmutableDictionary<string, string> MirrorMarks { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The catalog entry as the annotations hold it (<see cref="Template"/> has it cleaned for display).</summary>
    public CatalogDisplay CatalogDisplay { get; init; } = CatalogDisplay.None;

    /// <summary>
    /// Set while an administrator deletes the template (<see cref="TemplateAnnotations.Deletion"/>): its volume choice.
    /// The lifecycle installs and recovers nothing meanwhile, for users and administrators alike.
    /// </summary>
    public Administration.TemplateDeletionMode? Deletion { get; init; }

    /// <summary>
    /// Why the gateway paused ids by itself (<see cref="Idle.AutoPauseAnnotations"/>), by id: written with the pause,
    /// removed on recover and uninstall.
    /// </summary>
    public ImmutableDictionary<int, Idle.AutoPauseRecord> AutoPauses { get; init; } = ImmutableDictionary<int, Idle.AutoPauseRecord>.Empty;

    /// <summary>The form the reserve list was found in; writes keep it.</summary>
    public ReserveIdFormat ReserveFormat { get; init; } = ReserveIdFormat.Plain;

    public TemplateRef Ref => Template.Ref;

    /// <summary>
    /// The ownership record cannot be read (<see cref="Instances.OwnershipRecord.Parse"/>): nobody owns anything, and
    /// nothing may write the record (which would replace it) until an administrator repairs it.
    /// </summary>
    public bool OwnershipUnreadable => Template.Problems.Any(p => p.Code == ConformanceCode.InvalidOwnershipRecord);

    /// <summary>The object this state was read from (opaque to everything but the Kubernetes adapter, which updates it).</summary>
    internal object? Source { get; init; }

    /// <summary>The PVC names of one id, one per volume claim template.</summary>
    public IEnumerable<string> DataVolumesOf(int id) =>
        Template.DataVolumeNames.Select(v => $"{v}-{Ref.Name}-{id.ToString(CultureInfo.InvariantCulture)}");
}
