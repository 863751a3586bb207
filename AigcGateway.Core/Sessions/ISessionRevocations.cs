namespace AigcGateway.Core.Sessions;

/// <summary>
/// Sign-in sessions ended by sign-out, shared by every replica of the gateway. Checks are answered from memory (no API
/// call on the forward-auth hot path); a revocation reaches the other replicas within about a second.
/// </summary>
public interface ISessionRevocations
{
    /// <summary>True once this replica has read the revocations made so far (readiness).</summary>
    bool IsReady { get; }

    /// <summary>Whether the session was revoked. In memory only.</summary>
    bool IsRevoked(string sessionId);

    /// <summary>
    /// Revokes the session until <paramref name="expiresAt"/> (its absolute end, after which nothing accepts it anyway).
    /// True when every replica will see it; false when, for now, only this replica knows (the write is retried).
    /// </summary>
    Task<bool> RevokeAsync(string sessionId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
