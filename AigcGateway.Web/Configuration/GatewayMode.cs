namespace AigcGateway.Web.Configuration;

/// <summary>
/// Decided once at start-up: demo mode = no Logto endpoint configured (nor the earlier gateway's <c>Endpoint</c>)
/// and the Development environment.
/// </summary>
public sealed record GatewayMode(bool IsDemo)
{
    /// <summary>
    /// Demo mode: the address the demo templates point their forward-auth annotations at (the dashboard's expected
    /// address), for the conformance check when <c>Gateway:PublicUrl</c> is not set; null outside demo mode.
    /// </summary>
    public Uri? DemoDashboardUrl { get; init; }

    /// <summary>Problems found while reading the earlier gateway's filter file (reported by validation).</summary>
    public IReadOnlyList<string> SourceProblems { get; init; } = [];
}
