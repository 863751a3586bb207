using System.Collections.Immutable;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Checks that OKG created the ids this process just recorded (older OKG, another writer may create others) and moves
/// the owner to the id that exists, through the template writer. Run by <see cref="IdVerificationService"/>.
/// </summary>
internal sealed partial class IdVerification(SnapshotHub hub, TemplateWriter writer, PendingOperations pending, LoggedMirror mirror, ILogger logger)
{
    /// <summary>Corrects the template's record where needed; returns the number of corrections.</summary>
    public async Task<int> VerifyAsync(TemplateRef template, CancellationToken cancellationToken)
    {
        var corrections = ImmutableArray<(int Recorded, int Actual)>.Empty;
        TemplateState? basisUsed = null;
        var result = await writer.UpdateAsync(template, basis =>
        {
            basisUsed = basis;
            corrections = OwnCorrections(basis);
            return corrections.IsEmpty
                ? new TemplatePlan(null, OperationResult.Ok(new InstanceRef(template, 0)))
                : new TemplatePlan(LifecyclePlanner.Correct(basis, corrections), OperationResult.Ok(new InstanceRef(template, 0)));
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || corrections.IsEmpty)
        {
            return 0;
        }

        foreach (var (recorded, actual) in corrections)
        {
            var owner = basisUsed!.Owners[recorded];
            LogIdCorrected(template, recorded, actual, owner);
            pending.Clear(new InstanceRef(template, recorded));
            await mirror.RecordAsync(owner, new InstanceRef(template, actual), cancellationToken).ConfigureAwait(false);
        }

        return corrections.Length;
    }

    /// <summary>Runs <see cref="VerifyAsync"/> whenever the snapshot shows a template whose record needs correcting.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (_, signals, unsubscribe) = hub.Subscribe();
        try
        {
            while (await signals.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                signals.TryRead(out _);
                foreach (var state in hub.Current.Templates.Values)
                {
                    if (!OwnCorrections(state).IsEmpty)
                    {
                        await VerifyAsync(state.Ref, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            unsubscribe();
        }
    }

    /// <summary>
    /// Corrections only for ids this process has just installed or recovered: a record without an instance that it did
    /// not create (one carried over from elsewhere) is never moved onto an instance nobody owns.
    /// </summary>
    private ImmutableArray<(int Recorded, int Actual)> OwnCorrections(TemplateState state) =>
        [.. LifecyclePlanner.Corrections(state, hub.Current.GameServerIds(state.Ref))
            .Where(c => pending.Get(new InstanceRef(state.Ref, c.Recorded))?.Operation is PendingOperation.Install or PendingOperation.Recover)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "OKG created id {Actual} instead of {Recorded} in {Template}; the record of user {UserId} was corrected")]
    private partial void LogIdCorrected(TemplateRef template, int recorded, int actual, string userId);
}
