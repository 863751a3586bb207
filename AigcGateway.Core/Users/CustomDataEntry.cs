using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Users;

/// <summary>
/// One well-formed instance entry of a user's customData. <see cref="Key"/> is where it was found;
/// <see cref="Instance"/> comes from the value's <c>Namespace</c>/<c>Name</c>/<c>ID</c> (the key is ambiguous).
/// </summary>
public sealed record CustomDataEntry(string Key, InstanceRef Instance)
{
    /// <summary>The key is the one the earlier gateway would have written for this value.</summary>
    public bool KeyMatchesValue => Key == Instance.Template.LegacyCustomDataKey;
}
