namespace AigcGateway.Core.Access;

/// <summary>What <c>/auth</c> answers ingress-nginx: 200, 401 (nginx sends the browser to sign in) or 403.</summary>
public enum ForwardAuthOutcome
{
    Allowed,
    Unauthenticated,
    Forbidden,
}
