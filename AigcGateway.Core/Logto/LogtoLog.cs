using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Logto;

internal static partial class LogtoLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Requested a Logto Management API token, valid for {Seconds} s")]
    public static partial void TokenIssued(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Logto rejected the Management API token (401); requesting a new one")]
    public static partial void TokenRejected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Logto answered 403 with the Management API token; requesting a new one (the role may have been granted since)")]
    public static partial void TokenForbidden(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logto issued a Management API token without scope 'all' to '{M2MId}': the application lacks the 'Logto Management API access' role; every call will answer 403 until it is granted (the token is kept only briefly)")]
    public static partial void TokenWithoutScope(ILogger logger, string m2mId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logto Management API {Operation} failed ({Outcome}), attempt {Attempt}: {Error}")]
    public static partial void CallFailed(ILogger logger, string operation, LogtoOutcome outcome, int attempt, string error);
}
