using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Logto;

/// <summary>Mutable state of one user; only <see cref="LogtoDirectory"/> touches it, under its lock.</summary>
internal sealed class LogtoUserRecord
{
    public required string Id { get; init; }

    public string? Username { get; set; }

    public string? Name { get; set; }

    public string? PrimaryEmail { get; set; }

    public string? PrimaryPhone { get; set; }

    public string? Avatar { get; set; }

    public JsonObject CustomData { get; set; } = [];

    public JsonObject Profile { get; set; } = [];

    public ImmutableArray<string> RoleIds { get; set; } = [];

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }

    public long? LastSignInAt { get; set; }
}
