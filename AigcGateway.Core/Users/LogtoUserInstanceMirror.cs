using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Users;

/// <summary>
/// Writes the earlier gateway's customData entry (one top-level key, shallow-merge PATCH) after each lifecycle change.
/// Never throws for Logto failures: the write is queued for <see cref="UserMirrorReconciler"/> (in memory, for this
/// replica's quick retries) and marked on the template (<see cref="IMirrorMarks"/>, durable: the replica holding the
/// lease re-writes the entry from the ownership record after any restart).
/// </summary>
internal sealed class LogtoUserInstanceMirror(ILogtoUsers logto, MirrorWriteQueue queue, ILogger<LogtoUserInstanceMirror> logger, IMirrorMarks? marks = null)
    : IUserInstanceMirror
{
    /// <summary>How long the caller waits before the write is left to the queue.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public Task RecordAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        WriteAsync(userId, instance.Template, CustomDataEntryCodec.Encode(instance), cancellationToken);

    public Task ForgetAsync(string userId, TemplateRef template, CancellationToken cancellationToken) =>
        WriteAsync(userId, template, null, cancellationToken);

    private async Task WriteAsync(string userId, TemplateRef template, JsonObject? value, CancellationToken cancellationToken)
    {
        LogtoResult<JsonObject> result;
        // the lifecycle waits for this call: a slow Logto must not hold up the user's operation for long
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WriteTimeout);
        try
        {
            using (await queue.WriteLockAsync(timeout.Token).ConfigureAwait(false))
            {
                result = await logto.PatchCustomDataAsync(userId, CustomDataEntryCodec.KeyFor(template), value, timeout.Token)
                    .ConfigureAwait(false);
                if (result.IsOk)
                {
                    queue.Forget(userId, template);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            result = LogtoResult<JsonObject>.Failed(LogtoOutcome.Unavailable, "the write timed out or was cancelled");
        }

        queue.Enqueue(userId, template, value, result.Error ?? result.Outcome.ToString());
        UsersLog.MirrorWriteQueued(logger, template.ToString(), userId, result.Outcome, result.Error ?? "");
        await MarkAsync(userId, template, cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkAsync(string userId, TemplateRef template, CancellationToken cancellationToken)
    {
        if (marks is null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WriteTimeout);
        try
        {
            await marks.MarkAsync(template, userId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // the in-memory queue still holds the write; only a restart before it succeeds would lose it
            UsersLog.MarkFailed(logger, template.ToString(), userId, e);
        }
    }
}
