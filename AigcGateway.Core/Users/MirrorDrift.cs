using System.Text.Json.Nodes;

namespace AigcGateway.Core.Users;

/// <summary>One customData key that did not match the ownership record; <see cref="Desired"/> null means "no instance".</summary>
public sealed record MirrorDrift(string UserId, string Key, JsonObject? Desired, bool Repaired, string? Error);
