using System.Text.Json.Nodes;

namespace AigcGateway.Core.Logto;

/// <summary>The parts of a Logto user the gateway reads. <see cref="CustomData"/> is a detached copy.</summary>
public sealed record LogtoUser(string Id, string? Username, string? PrimaryEmail, string? Name, JsonObject CustomData);
