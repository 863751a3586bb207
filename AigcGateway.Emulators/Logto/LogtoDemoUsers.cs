using System.Collections.Immutable;

namespace AigcGateway.Emulators.Logto;

/// <summary>The demo users every emulator starts with (stable 12-character ids, like Logto's).</summary>
public static class LogtoDemoUsers
{
    /// <summary>The Logto user role that makes a user an administrator of the gateway.</summary>
    public const string AdminRoleName = "aigc-admin";

    /// <summary>Id of the <see cref="AdminRoleName"/> role.</summary>
    public const string AdminRoleId = "aigcadminrole";

    /// <summary>Name of the machine-to-machine role that grants the Management API.</summary>
    public const string ManagementApiRoleName = "Logto Management API access";

    /// <summary>Id of the <see cref="ManagementApiRoleName"/> role.</summary>
    public const string ManagementApiRoleId = "mgmtapiaccess";

    /// <summary>Alice, a regular user.</summary>
    public static LogtoEmulatorUser Alice { get; } = new("alicedemo001", "alice", "Alice Zhang", "alice@example.com", []);

    /// <summary>Bob, a regular user.</summary>
    public static LogtoEmulatorUser Bob { get; } = new("bobdemo00002", "bob", "Bob Wang", "bob@example.com", []);

    /// <summary>The administrator, holding the <see cref="AdminRoleName"/> role.</summary>
    public static LogtoEmulatorUser Admin { get; } =
        new("admindemo003", "admin", "Demo Administrator", "admin@example.com", [AdminRoleName]);

    /// <summary>All demo users in sign-in page order.</summary>
    public static ImmutableArray<LogtoEmulatorUser> All { get; } = [Alice, Bob, Admin];
}
