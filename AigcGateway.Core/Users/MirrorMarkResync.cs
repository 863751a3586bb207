using System.Text.Json.Nodes;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Users;

/// <summary>
/// The durable half of the mirror's retries: the entries marked on templates (<see cref="MirrorMarkAnnotations"/>) are
/// written from the ownership record, which is the truth whatever the failed write was, then unmarked. The snapshot
/// that shows a mark is at least as new as the lifecycle change before it (the mark is written after that change).
/// </summary>
internal sealed class MirrorMarkResync(ILogtoUsers logto, IInstanceOwnershipSource ownership, MirrorWriteQueue queue, IMirrorMarks? marks, ILogger logger)
{
    /// <summary>
    /// Re-writes every entry marked on a template after a failed write (by any replica, before any restart) from the
    /// ownership record, and removes the mark. Entries this replica still holds in its queue are left to the queue.
    /// Returns how many were re-written.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var snapshot = await ownership.GetAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return 0;
        }

        var done = 0;
        foreach (var (template, marked) in snapshot.Marks)
        {
            foreach (var (userId, since) in marked)
            {
                if (queue.IsPending(userId, template))
                {
                    continue;
                }

                var desired = snapshot.Templates.Contains(template) ? snapshot.DesiredFor(userId).GetValueOrDefault(template) : null;
                LogtoResult<JsonObject> result;
                using (await queue.WriteLockAsync(cancellationToken).ConfigureAwait(false))
                {
                    result = await logto.PatchCustomDataAsync(userId, CustomDataEntryCodec.KeyFor(template),
                        desired is null ? null : CustomDataEntryCodec.Encode(desired), cancellationToken).ConfigureAwait(false);
                }

                if (!result.IsOk && result.Outcome != LogtoOutcome.NotFound)
                {
                    continue;
                }

                UsersLog.Resynced(logger, template.ToString(), userId);
                done++;
                if (marks is not null)
                {
                    try
                    {
                        await marks.UnmarkAsync(template, userId, since, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        UsersLog.PassFailed(logger, e); // the mark stays; the next pass writes the same entry again
                    }
                }
            }
        }

        return done;
    }

}
