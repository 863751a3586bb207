using System.Collections.Immutable;

namespace AigcGateway.Emulators.Logto;

/// <summary>Start-up settings of the <see cref="LogtoEmulator"/>. The endpoint always derives from the bound address.</summary>
public sealed record LogtoEmulatorOptions
{
    /// <summary>Traditional Web applications (default: <see cref="LogtoWebApplication.Demo"/>).</summary>
    public ImmutableArray<LogtoWebApplication> WebApplications { get; init; } = [LogtoWebApplication.Demo];

    /// <summary>Machine-to-machine applications (default: <see cref="LogtoM2mApplication.Demo"/>).</summary>
    public ImmutableArray<LogtoM2mApplication> M2mApplications { get; init; } = [LogtoM2mApplication.Demo];

    /// <summary>Whether alice, bob and admin (<see cref="LogtoDemoUsers"/>) exist from the start.</summary>
    public bool SeedDemoUsers { get; init; } = true;

    /// <summary>Clock for token lifetimes and user timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether the <c>roles</c> scope exists (Logto &gt;= 1.10). False behaves like Logto 1.4: the scope is ignored,
    /// the ID token has no <c>roles</c>, and administrators are found through <c>GET /api/users/{id}/roles</c>.
    /// </summary>
    public bool RolesScopeSupported { get; init; } = true;

    /// <summary>Where the emulator logs (default: nowhere).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Lifetime of access tokens (Logto: one hour).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);
}
