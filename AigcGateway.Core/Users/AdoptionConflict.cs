using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Users;

/// <summary>A Logto entry an administrator has to look at; <see cref="Instance"/> is null for malformed entries.</summary>
public sealed record AdoptionConflict(string UserId, string Key, InstanceRef? Instance, AdoptionConflictKind Kind, string Detail);
