namespace AigcGateway.Web.Configuration;

/// <summary>
/// Decided once at start-up: demo mode = no Logto endpoint configured (nor the earlier gateway's <c>Endpoint</c>)
/// and the Development environment.
/// </summary>
public sealed record GatewayMode(bool IsDemo)
{
    /// <summary>Problems found while reading the earlier gateway's filter file (reported by validation).</summary>
    public IReadOnlyList<string> SourceProblems { get; init; } = [];
}
