using System.Collections.Concurrent;
using AigcGateway.Core.Sessions;

namespace AigcGateway.Tests.Sessions;

/// <summary>A hand-written in-memory <see cref="ISessionRevocations"/> (one replica, nothing to share).</summary>
public sealed class InMemorySessionRevocations : ISessionRevocations
{
    public ConcurrentDictionary<string, DateTimeOffset> Revoked { get; } = new(StringComparer.Ordinal);

    public bool IsReady => true;

    public bool IsRevoked(string sessionId) => Revoked.ContainsKey(sessionId);

    public Task<bool> RevokeAsync(string sessionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        Revoked[sessionId] = expiresAt;
        return Task.FromResult(true);
    }
}
