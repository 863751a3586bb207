using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Telemetry;

/// <summary>The trace a retried 409 Conflict on a GameServerSet leaves: a debug line naming the template, and a count.</summary>
public static partial class ConflictTrace
{
    public static void Retried(ILogger logger, TemplateRef template, int attempt)
    {
        ArgumentNullException.ThrowIfNull(template);
        GatewayMetrics.GameServerSetConflicts.Add(1, GatewayMetrics.Template(template));
        LogRetried(logger, template, attempt);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conflict updating {Template} (attempt {Attempt}); re-reading and retrying")]
    private static partial void LogRetried(ILogger logger, TemplateRef template, int attempt);
}
