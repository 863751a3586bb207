using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>Turns a <see cref="LifecycleViolation"/> into the operation's answer, and logs it.</summary>
internal static partial class LifecycleRefusal
{
    /// <summary>
    /// <see cref="OperationError.InstanceMissing"/> when the operation's own instance is a missing record;
    /// otherwise <see cref="OperationError.AffectsOthers"/>.
    /// </summary>
    public static OperationResult Refuse(ILogger logger, TemplateRef template, OperationResult planned, LifecycleViolation violation)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(violation);
        LogRefused(logger, template, planned.Instance?.Id, violation.ToString());
        var error = planned.Instance is { } instance && violation.MissingIds.Contains(instance.Id)
            ? OperationError.InstanceMissing
            : OperationError.AffectsOthers;
        return OperationResult.Fail(error, planned.Instance, violation.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a write to {Template} for id {Id}: it {Violation}")]
    private static partial void LogRefused(ILogger logger, TemplateRef template, int? id, string violation);
}
