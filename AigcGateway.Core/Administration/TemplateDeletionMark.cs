using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>The first step of a template deletion as a change of the GameServerSet (pure).</summary>
internal static class TemplateDeletionMark
{
    /// <summary>
    /// Marks the deletion with its volume choice (so an interruption can be resumed with it, and the lifecycle installs
    /// and recovers nothing meanwhile) and stops every instance: no replicas, and each owned id reserved as a pause would
    /// reserve it, so an interrupted deletion leaves its users with paused instances. A missing record (no GameServer, no
    /// reservation) stays as it is: with no replicas nothing can start it, and <see cref="LifecycleInvariant"/> lets
    /// no write reserve it. With an unreadable ownership record only the mark is written (nothing may replace the record);
    /// the instances stop when the GameServerSet is deleted.
    /// </summary>
    public static TemplateChange Plan(TemplateState basis, TemplateDeletionMode mode, IReadOnlyCollection<int> present)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(present);
        var mark = new TemplateChange().MarkDeletion(mode);
        if (basis.OwnershipUnreadable)
        {
            return mark;
        }

        var missing = OkgSettlement.MissingRecords(basis, present);
        var reserved = basis.Owners.Keys.Where(id => !missing.Contains(id)).Aggregate(basis.Reserved, (set, id) => set.Add(id));
        return mark with { Write = new TemplateWrite(0, reserved, basis.Owners, basis.ReserveFormat) };
    }
}
