using System.Collections.Concurrent;
using System.Collections.Immutable;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Users;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Display names of Logto users for the administration pages (name, else username, else e-mail), cached once found.
/// A user Logto does not know keeps their id; when Logto cannot be asked (down, or the M2M app lacks its role),
/// the ids are shown and <see cref="Problem"/> says why, so the pages can tell the administrator.
/// </summary>
internal sealed class LogtoUserNames(ILogtoUsers? logto)
{
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private string? _problem;

    /// <summary>Why the latest lookup could not name some users (null when it could, or they are unknown to Logto).</summary>
    public string? Problem => Volatile.Read(ref _problem);

    public async Task<ImmutableDictionary<string, string>> LookupAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        string? problem = logto is null ? "Logto is not configured" : null;
        foreach (var id in userIds.Distinct(StringComparer.Ordinal))
        {
            if (!_names.TryGetValue(id, out var name))
            {
                var user = logto is null ? null : await logto.GetUserAsync(id, cancellationToken).ConfigureAwait(false);
                name = user?.Value is { } found
                    ? UserDisplayName.Of(id, found.Name, found.Username, found.PrimaryEmail)
                    : id;
                if (user?.IsOk == true)
                {
                    _names[id] = name;
                }
                else if (user is { Outcome: not LogtoOutcome.NotFound })
                {
                    problem ??= user.Error ?? user.Outcome.ToString();
                }
            }

            result[id] = name;
        }

        Volatile.Write(ref _problem, problem);
        return result.ToImmutable();
    }
}
