using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Users;

/// <summary>Write <see cref="UserId"/> as the owner of <see cref="Instance"/> (its id is free in the ownership record).</summary>
public sealed record AdoptAction(string UserId, InstanceRef Instance);
