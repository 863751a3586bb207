namespace AigcGateway.Core.Access;

/// <summary>
/// The forward-auth decision: a pure function of the request's original address (bound to the host of the server
/// block nginx chose, see <see cref="ForwardAuthHostBinding"/>), the identity in the instance-access cookie and the
/// index built from the cluster snapshot. No Kubernetes or Logto call happens here.
/// </summary>
public static class ForwardAuthPolicy
{
    public static ForwardAuthDecision Decide(
        AccessIdentity? identity,
        IReadOnlyList<string> originalUrl,
        IReadOnlyList<string> forwardedHost,
        IReadOnlyList<string> forwardedUri,
        ForwardAuthIndex index,
        bool allowAdministrators = false,
        IReadOnlyList<string>? boundHost = null,
        bool requireHostBinding = false)
    {
        if (identity is null || string.IsNullOrEmpty(identity.UserId))
        {
            return ForwardAuthDecision.Unauthenticated("no valid instance-access cookie");
        }

        if (!ForwardAuthTarget.TryFromHeaders(originalUrl, forwardedHost, forwardedUri, out var target, out var reason))
        {
            return ForwardAuthDecision.Forbidden(reason, identity);
        }

        // Requests that did not come through nginx's auth-url (the demo's own instance pages) have no server block to bind to.
        if (boundHost is not null && !ForwardAuthHostBinding.Holds(boundHost, target!, requireHostBinding, out reason))
        {
            return ForwardAuthDecision.Forbidden(reason, identity);
        }

        var endpoint = index.Find(target!);
        if (endpoint is null)
        {
            return ForwardAuthDecision.Forbidden($"no instance is published at {target!.Host}{target.Path}", identity);
        }

        if (string.Equals(endpoint.OwnerId, identity.UserId, StringComparison.Ordinal))
        {
            return ForwardAuthDecision.Allow(identity, endpoint.Instance);
        }

        // Administrators may open users' instances only where the operator allows it (Gateway:AllowAdminInstanceAccess).
        return allowAdministrators && identity.IsAdministrator
            ? ForwardAuthDecision.Allow(identity, endpoint.Instance) with { Reason = "administrator" }
            : ForwardAuthDecision.Forbidden("the instance belongs to someone else", identity, endpoint.Instance);
    }
}
