using System.Collections.Immutable;

namespace AigcGateway.Core.Logto;

/// <summary>One page of <c>GET /api/users</c> and the <c>Total-Number</c> header.</summary>
public sealed record LogtoUserPage(ImmutableArray<LogtoUser> Users, int Total);
