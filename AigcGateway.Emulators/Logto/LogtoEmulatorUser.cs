using System.Collections.Immutable;

namespace AigcGateway.Emulators.Logto;

/// <summary>A user of the emulator: the profile fields the gateway reads, and the names of the user's roles.</summary>
public sealed record LogtoEmulatorUser(
    string Id,
    string Username,
    string Name,
    string PrimaryEmail,
    ImmutableArray<string> Roles);
