namespace AigcGateway.Core.Users;

/// <summary>
/// The result of writing an owner, with the GameServerSet resourceVersion that holds it (the write's answer, or the
/// state that already held it): a mirror pass must read ownership at least that new before it trusts its absence.
/// </summary>
public sealed record AdoptionOutcome(AdoptionResult Result, string? ResourceVersion = null)
{
    public bool Owned => Result is AdoptionResult.Adopted or AdoptionResult.AlreadyOwned;
}
