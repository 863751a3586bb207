using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Logto;

namespace AigcGateway.Tests.Logto;

/// <summary>A hand-written in-memory <see cref="ILogtoUsers"/> with the shallow-merge semantics and a failure switch.</summary>
public sealed class InMemoryLogtoUsers : ILogtoUsers
{
    public ConcurrentDictionary<string, JsonObject> CustomData { get; } = new();

    public ConcurrentQueue<(string UserId, string Key, JsonNode? Value)> Patches { get; } = new();

    /// <summary>When set, every call fails with this outcome.</summary>
    public LogtoOutcome? FailWith { get; set; }

    public Dictionary<string, string[]> Roles { get; } = [];

    public InMemoryLogtoUsers With(string userId, JsonObject? customData = null)
    {
        CustomData[userId] = customData ?? [];
        return this;
    }

    public Task<LogtoResult<LogtoUser>> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Call(userId, data => new LogtoUser(userId, userId, $"{userId}@example.test", userId, (JsonObject)data.DeepClone())));

    public Task<LogtoResult<JsonObject>> GetCustomDataAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Call(userId, data => (JsonObject)data.DeepClone()));

    /// <summary>When set, writes wait until they are cancelled (a Logto that does not answer).</summary>
    public bool HangWrites { get; set; }

    public async Task<LogtoResult<JsonObject>> PatchCustomDataAsync(string userId, string key, JsonNode? value, CancellationToken cancellationToken)
    {
        if (HangWrites)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Call(userId, data =>
        {
            Patches.Enqueue((userId, key, value?.DeepClone()));
            data[key] = value?.DeepClone();
            return (JsonObject)data.DeepClone();
        });
    }

    public Task<LogtoResult<JsonObject>> ReplaceCustomDataAsync(string userId, JsonObject customData, CancellationToken cancellationToken) =>
        Task.FromResult(Call(userId, _ =>
        {
            CustomData[userId] = (JsonObject)customData.DeepClone();
            return (JsonObject)customData.DeepClone();
        }));

    /// <summary>Runs when a page of users is listed (e.g. another replica changing things meanwhile).</summary>
    public Action? WhileListing { get; set; }

    public Task<LogtoResult<LogtoUserPage>> ListUsersAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        WhileListing?.Invoke();
        if (FailWith is { } outcome)
        {
            return Task.FromResult(LogtoResult<LogtoUserPage>.Failed(outcome, "failing on purpose"));
        }

        var users = CustomData.OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => new LogtoUser(u.Key, u.Key, $"{u.Key}@example.test", u.Key, (JsonObject)u.Value.DeepClone()))
            .ToList();
        return Task.FromResult(LogtoResult<LogtoUserPage>.Ok(
            new LogtoUserPage([.. users.Skip((page - 1) * pageSize).Take(pageSize)], users.Count)));
    }

    public Task<LogtoResult<ImmutableArray<string>>> GetUserRoleNamesAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Call(userId, _ => Roles.TryGetValue(userId, out var roles) ? roles.ToImmutableArray() : []));

    private LogtoResult<T> Call<T>(string userId, Func<JsonObject, T> action)
    {
        if (FailWith is { } outcome)
        {
            return LogtoResult<T>.Failed(outcome, "failing on purpose");
        }

        return CustomData.TryGetValue(userId, out var data)
            ? LogtoResult<T>.Ok(action(data))
            : LogtoResult<T>.Failed(LogtoOutcome.NotFound, "no such user");
    }
}
