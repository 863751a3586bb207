namespace AigcGateway.Web.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed ({Reason})")]
    public static partial void RemoteFailure(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the Logto roles of user {UserId} ({Outcome}): {Error}")]
    public static partial void RolesLookupFailed(ILogger logger, string userId, AigcGateway.Core.Logto.LogtoOutcome outcome, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logto is unreachable; signing out locally only")]
    public static partial void SignOutUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logto is unreachable; cannot start sign-in")]
    public static partial void SignInUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signed out, but the revocation could not be shared with the other replicas yet; it is retried")]
    public static partial void RevocationNotShared(ILogger logger);
}
