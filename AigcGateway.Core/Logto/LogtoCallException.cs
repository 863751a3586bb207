namespace AigcGateway.Core.Logto;

/// <summary>A failure of the M2M token request, carried through the HTTP pipeline to the client, which turns it into a result.</summary>
internal sealed class LogtoCallException(LogtoOutcome outcome, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public LogtoOutcome Outcome { get; } = outcome;
}
