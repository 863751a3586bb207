using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Logto;

internal static partial class LogtoLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Requested a Logto Management API token, valid for {Seconds} s")]
    public static partial void TokenIssued(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Logto rejected the Management API token (401); requesting a new one")]
    public static partial void TokenRejected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logto Management API {Operation} failed ({Outcome}), attempt {Attempt}: {Error}")]
    public static partial void CallFailed(ILogger logger, string operation, LogtoOutcome outcome, int attempt, string error);
}
