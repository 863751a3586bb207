using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Logto;

/// <summary>
/// The emulator's data: users, roles and applications. Every operation takes one lock, so a single PATCH is atomic
/// (as in Logto, where concurrent writes of different top-level customData keys never lose each other).
/// </summary>
internal sealed class LogtoDirectory
{
    private const string IdAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    private readonly Lock _lock = new();
    private readonly List<LogtoUserRecord> _users = [];
    private readonly ConcurrentDictionary<string, bool> _redeemedCodes = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private ImmutableDictionary<string, LogtoWebApplication> _webApps;
    private ImmutableDictionary<string, LogtoM2mApplication> _m2mApps;

    public LogtoDirectory(LogtoEmulatorOptions options)
    {
        _timeProvider = options.TimeProvider;
        _webApps = options.WebApplications.ToImmutableDictionary(a => a.ClientId, StringComparer.Ordinal);
        _m2mApps = options.M2mApplications.ToImmutableDictionary(a => a.ClientId, StringComparer.Ordinal);
        Roles =
        [
            new(LogtoDemoUsers.AdminRoleId, LogtoDemoUsers.AdminRoleName, "Administrators of the AIGC gateway", "User"),
            new(LogtoDemoUsers.ManagementApiRoleId, LogtoDemoUsers.ManagementApiRoleName,
                "Grants the Logto Management API to machine-to-machine applications", "MachineToMachine"),
        ];
        if (options.SeedDemoUsers)
        {
            foreach (var user in LogtoDemoUsers.All)
            {
                Add(user.Id, user.Username, user.Name, user.PrimaryEmail, user.Roles);
            }
        }
    }

    public ImmutableArray<LogtoRole> Roles { get; }

    public long Now => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    public LogtoWebApplication? FindWebApp(string? clientId) =>
        clientId is not null && _webApps.TryGetValue(clientId, out var app) ? app : null;

    public IEnumerable<LogtoWebApplication> WebApps => _webApps.Values;

    public LogtoM2mApplication? FindM2mApp(string? clientId) =>
        clientId is not null && _m2mApps.TryGetValue(clientId, out var app) ? app : null;

    public IEnumerable<LogtoM2mApplication> M2mApps => _m2mApps.Values;

    public void Register(LogtoWebApplication app) =>
        ImmutableInterlocked.Update(ref _webApps, apps => apps.SetItem(app.ClientId, app));

    public void Register(LogtoM2mApplication app) =>
        ImmutableInterlocked.Update(ref _m2mApps, apps => apps.SetItem(app.ClientId, app));

    public void SetManagementApiRole(string clientId, bool granted) =>
        ImmutableInterlocked.Update(ref _m2mApps, apps => apps.TryGetValue(clientId, out var app)
            ? apps.SetItem(clientId, app with { HasManagementApiRole = granted })
            : throw new KeyNotFoundException($"No M2M application '{clientId}'."));

    public void SetRoles(string userId, IEnumerable<string> roleNames)
    {
        var roleIds = RoleIds(roleNames);
        _ = WithUser(userId, r =>
        {
            r.RoleIds = roleIds;
            r.UpdatedAt = Now;
            return r;
        }) ?? throw UnknownUser(userId);
    }

    /// <summary>True the first time a code is presented: an authorization code is good for one exchange only.</summary>
    public bool TryRedeemCode(string code) => _redeemedCodes.TryAdd(code, true);

    public LogtoRole? FindRole(string id) => Roles.FirstOrDefault(r => r.Id == id);

    public LogtoEmulatorUser Add(string? id, string username, string name, string email, IEnumerable<string> roleNames)
    {
        var roleIds = RoleIds(roleNames);
        lock (_lock)
        {
            if (_users.Any(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"The username '{username}' is already in use.");
            }

            var now = Now;
            var record = new LogtoUserRecord
            {
                Id = id ?? NewId(),
                Username = username,
                Name = name,
                PrimaryEmail = email,
                RoleIds = roleIds,
                CreatedAt = now,
                UpdatedAt = now,
            };
            _users.Add(record);
            return ToUser(record);
        }
    }

    public ImmutableArray<LogtoEmulatorUser> Users
    {
        get
        {
            lock (_lock)
            {
                return [.. _users.Select(ToUser)];
            }
        }
    }

    public LogtoEmulatorUser? FindUser(string id)
    {
        lock (_lock)
        {
            var record = Find(id);
            return record is null ? null : ToUser(record);
        }
    }

    public bool IsUsernameTaken(string username, string? exceptId = null)
    {
        lock (_lock)
        {
            return _users.Any(u => u.Id != exceptId && string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Runs <paramref name="action"/> on the user's record under the lock; null when the user does not exist.</summary>
    public T? WithUser<T>(string id, Func<LogtoUserRecord, T?> action)
        where T : class
    {
        lock (_lock)
        {
            var record = Find(id);
            return record is null ? null : action(record);
        }
    }

    /// <summary>Runs <paramref name="action"/> over all users (in creation order) under the lock.</summary>
    public T WithUsers<T>(Func<IReadOnlyList<LogtoUserRecord>, T> action)
    {
        lock (_lock)
        {
            return action(_users);
        }
    }

    public JsonObject GetCustomData(string id) =>
        WithUser(id, r => (JsonObject)r.CustomData.DeepClone()) ?? throw UnknownUser(id);

    public void SetCustomData(string id, JsonObject customData) =>
        _ = WithUser(id, r =>
        {
            r.CustomData = (JsonObject)customData.DeepClone();
            r.UpdatedAt = Now;
            return r;
        }) ?? throw UnknownUser(id);

    public void RecordSignIn(string id) =>
        _ = WithUser(id, r =>
        {
            r.LastSignInAt = Now;
            return r;
        });

    private ImmutableArray<string> RoleIds(IEnumerable<string> roleNames) => [.. roleNames
        .Select(n => Roles.FirstOrDefault(r => r.Name == n)?.Id ?? throw new ArgumentException($"Unknown role '{n}'."))];

    private LogtoUserRecord? Find(string id) => _users.FirstOrDefault(u => u.Id == id);

    private LogtoEmulatorUser ToUser(LogtoUserRecord r) => new(
        r.Id,
        r.Username ?? "",
        r.Name ?? "",
        r.PrimaryEmail ?? "",
        [.. r.RoleIds.Select(id => FindRole(id)?.Name).OfType<string>()]);

    private static KeyNotFoundException UnknownUser(string id) => new($"No user '{id}' in the Logto emulator.");

    private static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, 12);
}
