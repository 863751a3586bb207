using AigcGateway.Core.Logto;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Users;

internal static partial class UsersLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mirror {Template} of user {UserId} to Logto ({Outcome}): {Error}; queued for retry")]
    public static partial void MirrorWriteQueued(ILogger logger, string template, string userId, LogtoOutcome outcome, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted {Instance} for user {UserId} from Logto customData")]
    public static partial void Adopted(ILogger logger, string instance, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logto entry {Key} of user {UserId} needs an administrator: {Kind} ({Detail})")]
    public static partial void AdoptionConflict(ILogger logger, string key, string userId, AdoptionConflictKind kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mirror reconciliation could not list Logto users ({Outcome}): {Error}")]
    public static partial void ListFailed(ILogger logger, LogtoOutcome outcome, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Repaired Logto entry {Key} of user {UserId}")]
    public static partial void Repaired(ILogger logger, string key, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark the Logto entry {Template} of user {UserId} for a later re-write; it is retried from memory")]
    public static partial void MarkFailed(ILogger logger, string template, string userId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-wrote the Logto entry {Template} of user {UserId} from the ownership record (it was marked after a failed write)")]
    public static partial void Resynced(ILogger logger, string template, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mirror reconciliation pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
