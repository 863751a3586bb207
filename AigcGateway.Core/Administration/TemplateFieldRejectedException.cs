using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The API server refused a template write under strict field validation: the manifest has a field the CRD schema does
/// not know (it would otherwise have been dropped silently). <see cref="ServerMessage"/> names the field(s) verbatim.
/// </summary>
public sealed class TemplateFieldRejectedException : ClusterException
{
    public TemplateFieldRejectedException()
    {
    }

    public TemplateFieldRejectedException(string message)
        : base(message)
    {
    }

    public TemplateFieldRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The API server's message, e.g. <c>... strict decoding error: unknown field "spec.foo"</c>.</summary>
    public string ServerMessage { get; init; } = string.Empty;
}
