using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Idle;

/// <summary>Keeps the automatic-pause records in step with the lifecycle's writes (in the same GameServerSet update).</summary>
internal static class AutoPauseRecords
{
    /// <summary>
    /// <paramref name="write"/> with the id's record set to <paramref name="record"/> (the gateway's own pause) or, without one
    /// (a person's pause, a recover, an uninstall), removed when the template has one.
    /// </summary>
    public static TemplateChange With(TemplateState basis, int id, TemplateWrite write, AutoPauseRecord? record)
    {
        ArgumentNullException.ThrowIfNull(basis);
        TemplateChange change = write;
        return record is not null ? change.Annotate(AutoPauseAnnotations.KeyFor(id), AutoPauseAnnotations.Format(record))
            : basis.AutoPauses.ContainsKey(id) ? change.Annotate(AutoPauseAnnotations.KeyFor(id), null)
            : change;
    }
}
