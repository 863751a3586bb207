using System.Collections.Concurrent;
using System.Security.Claims;
using AigcGateway.Core.Logto;
using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Who is an administrator, decided at sign-in and kept current afterwards: per user, the last answer is trusted for
/// <c>Gateway:AdminRecheckInterval</c>, then the role is read again through the Logto Management API (listed user ids
/// and verified e-mails of <c>Gateway:AdminUsers</c> need no call). When Logto cannot be asked, the current status is
/// kept (and logged) and asked again soon. One per replica, shared by the cookie handler, open circuits and <c>/auth</c>.
/// </summary>
public sealed partial class AdministratorStatus(
    IOptions<GatewayOptions> gateway, IServiceProvider services, TimeProvider time, ILogger<AdministratorStatus> logger)
{
    /// <summary>How soon to ask Logto again after it could not be asked.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);

    /// <summary>The last known status of the user, and whether it is still to be trusted without asking again.</summary>
    public (bool? IsAdministrator, bool Fresh) Known(string userId) =>
        _entries.TryGetValue(userId, out var entry) ? (entry.IsAdministrator, entry.FreshUntil > time.GetUtcNow()) : (null, false);

    /// <summary>
    /// The status at sign-in: the role in the ID token's <c>roles</c>, a listed user id or verified e-mail, or (Logto 1.4,
    /// no <c>roles</c> claim at all; an empty array is an answer) the role read through the Management API. Remembered as fresh.
    /// </summary>
    public async Task<bool> EvaluateAtSignInAsync(ClaimsIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var settings = gateway.Value;
        var sub = identity.FindFirst(GatewayClaims.Subject)?.Value;
        bool isAdministrator;
        if (identity.HasClaim(GatewayClaims.Roles, settings.AdminRole) || AdminUserList.Contains(settings.AdminUsers, sub, identity.VerifiedEmail()))
        {
            isAdministrator = true;
        }
        else if (sub is null || identity.HasClaim(c => c.Type is GatewayClaims.Roles or GatewayClaims.RolesAnswered))
        {
            isAdministrator = false;
        }
        else
        {
            isAdministrator = await ReadRoleAsync(sub, cancellationToken).ConfigureAwait(false) ?? false;
        }

        if (sub is not null)
        {
            Remember(sub, isAdministrator, settings.AdminRecheckInterval);
        }

        return isAdministrator;
    }

    /// <summary>The user's status now: the remembered one while fresh, else asked again (<paramref name="current"/> is kept when Logto cannot answer).</summary>
    public async Task<bool> CurrentAsync(string userId, string? verifiedEmail, bool current, CancellationToken cancellationToken)
    {
        var (known, fresh) = Known(userId);
        return fresh ? known!.Value : await RecheckAsync(userId, verifiedEmail, current, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks again in the background (once at a time per user), for callers that must not wait on Logto.</summary>
    public void RefreshInBackground(string userId, string? verifiedEmail, bool current)
    {
        if (!_refreshing.TryAdd(userId, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RecheckAsync(userId, verifiedEmail, current, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogRecheckCrashed(logger, userId, e);
            }
            finally
            {
                _refreshing.TryRemove(userId, out _);
            }
        });
    }

    private async Task<bool> RecheckAsync(string userId, string? verifiedEmail, bool current, CancellationToken cancellationToken)
    {
        var settings = gateway.Value;
        if (AdminUserList.Contains(settings.AdminUsers, userId, verifiedEmail))
        {
            return Remember(userId, true, settings.AdminRecheckInterval);
        }

        if (await ReadRoleAsync(userId, cancellationToken).ConfigureAwait(false) is not { } isAdministrator)
        {
            LogKept(logger, userId, current);
            return Remember(userId, current, RetryAfterFailure < settings.AdminRecheckInterval ? RetryAfterFailure : settings.AdminRecheckInterval);
        }

        if (isAdministrator != current)
        {
            LogChanged(logger, userId, isAdministrator);
        }

        return Remember(userId, isAdministrator, settings.AdminRecheckInterval);
    }

    /// <summary>Whether the user holds the administrator role, per the Management API; null when it could not be asked.</summary>
    private async Task<bool?> ReadRoleAsync(string userId, CancellationToken cancellationToken)
    {
        if (services.GetService<ILogtoUsers>() is not { } users)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var roles = await users.GetUserRoleNamesAsync(userId, timeout.Token).ConfigureAwait(false);
            if (roles.IsOk)
            {
                return roles.Value.Contains(gateway.Value.AdminRole, StringComparer.Ordinal);
            }

            AuthLog.RolesLookupFailed(logger, userId, roles.Outcome, roles.Error ?? "");
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            AuthLog.RolesLookupFailed(logger, userId, LogtoOutcome.Unavailable, "no answer within 10 s");
            return null;
        }
    }

    private bool Remember(string userId, bool isAdministrator, TimeSpan trustedFor)
    {
        _entries[userId] = new Entry(isAdministrator, time.GetUtcNow() + trustedFor);
        return isAdministrator;
    }

    private sealed record Entry(bool IsAdministrator, DateTimeOffset FreshUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check whether user {UserId} is an administrator; keeping administrator={IsAdministrator} for now")]
    private static partial void LogKept(ILogger logger, string userId, bool isAdministrator);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is now administrator={IsAdministrator} (role re-checked in Logto)")]
    private static partial void LogChanged(ILogger logger, string userId, bool isAdministrator);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-checking whether user {UserId} is an administrator failed")]
    private static partial void LogRecheckCrashed(ILogger logger, string userId, Exception error);
}
