using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Access;

/// <summary>The answer to one forward-auth request, with the reason for logs and tests.</summary>
public sealed record ForwardAuthDecision(ForwardAuthOutcome Outcome, string Reason, AccessIdentity? User = null, InstanceRef? Instance = null)
{
    public static ForwardAuthDecision Allow(AccessIdentity user, InstanceRef instance) => new(ForwardAuthOutcome.Allowed, "owner", user, instance);

    public static ForwardAuthDecision Unauthenticated(string reason) => new(ForwardAuthOutcome.Unauthenticated, reason);

    public static ForwardAuthDecision Forbidden(string reason, AccessIdentity user, InstanceRef? instance = null) =>
        new(ForwardAuthOutcome.Forbidden, reason, user, instance);
}
