using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace AigcGateway.Core.Logto;

/// <summary>The Logto Management API calls the gateway makes (users, their customData and roles). Never throws for HTTP failures: see <see cref="LogtoResult{T}"/>.</summary>
public interface ILogtoUsers
{
    Task<LogtoResult<LogtoUser>> GetUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary><c>GET /api/users/{id}/custom-data</c>.</summary>
    Task<LogtoResult<JsonObject>> GetCustomDataAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// <c>PATCH /api/users/{id}/custom-data</c> with one top-level key (Logto merges shallowly: other keys stay;
    /// a null value stores null). Returns the merged customData.
    /// </summary>
    Task<LogtoResult<JsonObject>> PatchCustomDataAsync(string userId, string key, JsonNode? value, CancellationToken cancellationToken);

    /// <summary><c>PATCH /api/users/{id}</c> with the whole customData (replaces it: the only way to delete keys).</summary>
    Task<LogtoResult<JsonObject>> ReplaceCustomDataAsync(string userId, JsonObject customData, CancellationToken cancellationToken);

    /// <summary><c>GET /api/users?page=&amp;page_size=</c> (page from 1, size at most 100).</summary>
    Task<LogtoResult<LogtoUserPage>> ListUsersAsync(int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Names of the user's roles (<c>GET /api/users/{id}/roles</c>, all pages).</summary>
    Task<LogtoResult<ImmutableArray<string>>> GetUserRoleNamesAsync(string userId, CancellationToken cancellationToken);
}
