using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Logto;

/// <summary>
/// The Management API token (client credentials, <c>resource</c> + <c>scope=all</c>, HTTP Basic), cached until
/// <see cref="LogtoManagementSettings.TokenRenewalMargin"/> before it expires, or only
/// <see cref="LogtoManagementSettings.ScopelessTokenLifetime"/> when the answer does not grant scope <c>all</c>
/// (the app lacks the Management API role; once an operator grants it, a new token works). One request at a time refreshes it.
/// </summary>
internal sealed class LogtoM2MTokenSource(HttpClient tokenClient, LogtoManagementSettings settings, TimeProvider timeProvider, ILogger logger)
    : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;
    private DateTimeOffset _lastForbiddenRenewal = DateTimeOffset.MinValue;

    /// <summary>How many tokens were requested (for diagnostics and tests).</summary>
    public int TokensIssued { get; private set; }

    /// <summary>
    /// A new token after a call with <paramref name="forbiddenToken"/> was answered 403 (the role may have been granted
    /// since): at most once per <see cref="LogtoManagementSettings.ForbiddenRenewalInterval"/>; null when it is too soon.
    /// A token another call has renewed meanwhile is returned as is.
    /// </summary>
    public async ValueTask<string?> RenewAfterForbiddenAsync(string forbiddenToken, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && _token != forbiddenToken && timeProvider.GetUtcNow() < _renewAt)
            {
                return _token;
            }

            var now = timeProvider.GetUtcNow();
            if (now - _lastForbiddenRenewal < settings.ForbiddenRenewalInterval)
            {
                return null;
            }

            _lastForbiddenRenewal = now;
            return await RenewLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask<string> GetAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        var current = _token;
        if (current is not null && current != rejectedToken && timeProvider.GetUtcNow() < _renewAt)
        {
            return current;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && _token != rejectedToken && timeProvider.GetUtcNow() < _renewAt)
            {
                return _token;
            }

            return await RenewLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<string> RenewLockedAsync(CancellationToken cancellationToken)
    {
        _token = null;
        var (token, lifetime, scoped) = await RequestAsync(cancellationToken).ConfigureAwait(false);
        _token = token;
        var keep = lifetime - settings.TokenRenewalMargin;
        if (!scoped)
        {
            LogtoLog.TokenWithoutScope(logger, settings.M2MId);
            keep = keep < settings.ScopelessTokenLifetime ? keep : settings.ScopelessTokenLifetime;
        }

        _renewAt = timeProvider.GetUtcNow() + keep;
        TokensIssued++;
        LogtoLog.TokenIssued(logger, (int)lifetime.TotalSeconds);
        return token;
    }

    /// <summary>The token, its lifetime, and whether the answer grants scope <c>all</c>.</summary>
    private async Task<(string Token, TimeSpan Lifetime, bool Scoped)> RequestAsync(CancellationToken cancellationToken)
    {
        var tokenEndpoint = new Uri(LogtoEndpoint.Combine(settings.ServerEndpoint, "oidc/token"));
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("resource", settings.Resource),
                new("scope", "all"),
            ]),
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(settings.M2MId)}:{Uri.EscapeDataString(settings.M2MSecret)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);

        using var timeout = new CancellationTokenSource(settings.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await tokenClient.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new LogtoCallException(LogtoOutcome.Unavailable, $"Logto token endpoint {tokenEndpoint} is unreachable: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LogtoCallException(LogtoOutcome.Unavailable, $"Logto token endpoint {tokenEndpoint} timed out", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw TokenFailure(response.StatusCode, body);
            }

            try
            {
                var json = JsonNode.Parse(body)?.AsObject();
                var token = json?["access_token"]?.GetValue<string>();
                var expiresIn = json?["expires_in"]?.GetValue<int>() ?? 3600;
                if (string.IsNullOrEmpty(token))
                {
                    throw new LogtoCallException(LogtoOutcome.Rejected, "Logto's token answer has no access_token");
                }

                var scopes = (json?["scope"] is JsonValue scope && scope.TryGetValue<string>(out var text) ? text : "")
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return (token, TimeSpan.FromSeconds(Math.Max(expiresIn, 1)), scopes.Contains("all", StringComparer.Ordinal));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                throw new LogtoCallException(LogtoOutcome.Rejected, "Logto's token answer is not valid JSON", e);
            }
        }
    }

    private LogtoCallException TokenFailure(HttpStatusCode status, string body)
    {
        var (error, description) = LogtoErrors.ReadOidcError(body);
        var code = (int)status;
        if (code >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
        {
            return new LogtoCallException(LogtoOutcome.Unavailable, $"Logto's token endpoint answered {code}");
        }

        return error switch
        {
            "invalid_client" => new LogtoCallException(LogtoOutcome.ConfigurationError,
                $"Logto refused the machine-to-machine application '{settings.M2MId}' (invalid_client): check Logto:M2MId and Logto:M2MSecret"),
            "invalid_target" => new LogtoCallException(LogtoOutcome.ConfigurationError,
                $"Logto refused the resource '{settings.Resource}' (invalid_target): {description}"),
            "invalid_scope" => new LogtoCallException(LogtoOutcome.ConfigurationError,
                $"Logto refused scope 'all' for '{settings.M2MId}' (invalid_scope): give the application the 'Logto Management API access' role"),
            _ => new LogtoCallException(code is 400 or 401 ? LogtoOutcome.ConfigurationError : LogtoOutcome.Rejected,
                $"Logto's token endpoint answered {code} {error}: {description}"),
        };
    }

    public void Dispose() => _lock.Dispose();
}
