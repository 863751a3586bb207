namespace AigcGateway.Core.Logto;

/// <summary>
/// How the gateway reaches Logto's Management API with its machine-to-machine application.
/// <paramref name="ServerEndpoint"/> is the URL for server-to-server calls (the internal endpoint when configured),
/// without a trailing slash.
/// </summary>
public sealed record LogtoManagementSettings(Uri ServerEndpoint, string M2MId, string M2MSecret)
{
    /// <summary>PEM file with extra CA certificates trusted for Logto calls; verification itself is never switched off.</summary>
    public string? CaBundlePath { get; init; }

    /// <summary>Time allowed for one HTTP attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts for idempotent calls (reads); writes are tried once and retried by the mirror's reconciler.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First retry delay; later ones double, each with random jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The token is renewed this long before it expires.</summary>
    public TimeSpan TokenRenewalMargin { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a token whose answer lacks scope <c>all</c> is kept: Logto issues such a token to an M2M app without the
    /// "Management API access" role, and it fails every call until it is replaced (granting the role helps only the next token).
    /// </summary>
    public TimeSpan ScopelessTokenLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A 403 renews the token (once per call) at most this often, so a role that stays missing does not hammer Logto.</summary>
    public TimeSpan ForbiddenRenewalInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The resource the Management API token is requested for (Logto OSS default tenant).</summary>
    public string Resource { get; init; } = "https://default.logto.app/api";

    public override string ToString() => $"LogtoManagementSettings {{ ServerEndpoint = {ServerEndpoint}, M2MId = {M2MId}, M2MSecret = *** }}";
}
