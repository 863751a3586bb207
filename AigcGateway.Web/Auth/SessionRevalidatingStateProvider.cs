using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The user of an open dashboard (a Blazor circuit), re-checked every <see cref="Interval"/>: a session signed out
/// elsewhere or past its absolute end loses its user (the circuit shows the signed-out view), and an administrator
/// whose role was removed in Logto loses the administrator mark once <see cref="AdministratorStatus"/> has asked
/// Logto again (at most every <c>Gateway:AdminRecheckInterval</c>; kept while Logto cannot be asked).
/// </summary>
internal sealed partial class SessionRevalidatingStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly SessionValidity _sessions;
    private readonly AdministratorStatus _admins;
    private readonly ILogger<SessionRevalidatingStateProvider> _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;

    public SessionRevalidatingStateProvider(
        SessionValidity sessions, AdministratorStatus admins, TimeProvider time, ILogger<SessionRevalidatingStateProvider> logger)
    {
        _sessions = sessions;
        _admins = admins;
        _logger = logger;
        _timer = new PeriodicTimer(Interval, time);
        _ = RevalidateEveryIntervalAsync(_stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _timer.Dispose();
        _stop.Dispose();
    }

    private async Task RevalidateEveryIntervalAsync(CancellationToken stopping)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await RevalidateAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the circuit ended
        }
    }

    private async Task RevalidateAsync(CancellationToken stopping)
    {
        ClaimsPrincipal user;
        try
        {
            user = (await GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        }
        catch (InvalidOperationException)
        {
            return; // no user handed over yet
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }

        if (!_sessions.IsCurrent(user))
        {
            LogEnded(_logger, user.FindFirst(GatewayClaims.Subject)?.Value);
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            return;
        }

        if (user.HasClaim(GatewayClaims.Administrator, "true") && user.FindFirst(GatewayClaims.Subject)?.Value is { } userId
            && !await _admins.CurrentAsync(userId, user.VerifiedEmail(), current: true, stopping).ConfigureAwait(false))
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(SessionClaims.WithAdministrator(user, false))));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An open dashboard of user {UserId} lost its user: the session was signed out or ended")]
    private static partial void LogEnded(ILogger logger, string? userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-checking the user of an open dashboard failed")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
