using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Logto;

/// <summary>The Management API over HTTP. The <see cref="HttpClient"/> carries <see cref="LogtoM2MTokenHandler"/>.</summary>
internal sealed class LogtoManagementClient(HttpClient http, LogtoManagementSettings settings, TimeProvider timeProvider, ILogger logger)
    : ILogtoUsers
{
    private const string ForbiddenHint =
        "Logto answered 403 auth.forbidden: give the machine-to-machine application '{0}' the role " +
        "'Logto Management API access' (Logto 1.4-1.8: switch on 'Enable admin access') and request scope 'all'";

    public Task<LogtoResult<LogtoUser>> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("get user", () => new HttpRequestMessage(HttpMethod.Get, UserPath(userId)), idempotent: true,
            ParseUser, cancellationToken);

    public Task<LogtoResult<JsonObject>> GetCustomDataAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("get custom data", () => new HttpRequestMessage(HttpMethod.Get, UserPath(userId) + "/custom-data"),
            idempotent: true, ParseObject, cancellationToken);

    public Task<LogtoResult<JsonObject>> PatchCustomDataAsync(string userId, string key, JsonNode? value, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["customData"] = new JsonObject { [key] = value?.DeepClone() } }.ToJsonString();
        return SendAsync("patch custom data",
            () => new HttpRequestMessage(HttpMethod.Patch, UserPath(userId) + "/custom-data") { Content = Json(body) },
            idempotent: false, ParseObject, cancellationToken);
    }

    public Task<LogtoResult<JsonObject>> ReplaceCustomDataAsync(string userId, JsonObject customData, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["customData"] = customData.DeepClone() }.ToJsonString();
        return SendAsync("replace custom data",
            () => new HttpRequestMessage(HttpMethod.Patch, UserPath(userId)) { Content = Json(body) },
            idempotent: false, (response, json) => ParseUser(response, json) is { } user ? user.CustomData : null, cancellationToken);
    }

    public Task<LogtoResult<LogtoUserPage>> ListUsersAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        return SendAsync("list users",
            () => new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/users?page={page}&page_size={pageSize}")),
            idempotent: true,
            (response, json) =>
            {
                if (json is not JsonArray array)
                {
                    return null;
                }

                var users = array.OfType<JsonObject>().Select(u => ParseUser(response, u)).OfType<LogtoUser>().ToImmutableArray();
                return new LogtoUserPage(users, TotalNumber(response) ?? users.Length);
            },
            cancellationToken);
    }

    public async Task<LogtoResult<ImmutableArray<string>>> GetUserRoleNamesAsync(string userId, CancellationToken cancellationToken)
    {
        const int pageSize = 100;
        var names = ImmutableArray.CreateBuilder<string>();
        for (var page = 1; page <= 50; page++)
        {
            var current = page;
            var result = await SendAsync("get user roles",
                () => new HttpRequestMessage(HttpMethod.Get,
                    string.Create(CultureInfo.InvariantCulture, $"{UserPath(userId)}/roles?page={current}&page_size={pageSize}")),
                idempotent: true,
                (response, json) => json is JsonArray array
                    ? (Names: array.OfType<JsonObject>().Select(r => Text(r, "name")).OfType<string>().ToImmutableArray(),
                        Count: array.Count, Total: TotalNumber(response))
                    : ((ImmutableArray<string> Names, int Count, int? Total)?)null,
                cancellationToken).ConfigureAwait(false);
            if (!result.IsOk)
            {
                return result.As<ImmutableArray<string>>();
            }

            var (pageNames, count, total) = result.Value!.Value;
            names.AddRange(pageNames);
            if (count < pageSize || (total is { } t && page * pageSize >= t))
            {
                break;
            }
        }

        return LogtoResult<ImmutableArray<string>>.Ok(names.ToImmutable());
    }

    private async Task<LogtoResult<T>> SendAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        bool idempotent,
        Func<HttpResponseMessage, JsonNode?, T?> parse,
        CancellationToken cancellationToken)
    {
        var attempts = idempotent ? Math.Max(1, settings.MaxAttempts) : 1;
        for (var attempt = 1; ; attempt++)
        {
            var result = await SendOnceAsync(operation, createRequest, parse, cancellationToken).ConfigureAwait(false);
            if (result.IsOk || result.Outcome == LogtoOutcome.NotFound)
            {
                return result;
            }

            LogtoLog.CallFailed(logger, operation, result.Outcome, attempt, result.Error ?? "");
            if (result.Outcome != LogtoOutcome.Unavailable || attempt >= attempts)
            {
                return result;
            }

            await Task.Delay(RetryDelay(attempt), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var baseDelay = settings.RetryBaseDelay * Math.Pow(2, attempt - 1);
        return baseDelay * (0.5 + Random.Shared.NextDouble());
    }

    private async Task<LogtoResult<T>> SendOnceAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, JsonNode?, T?> parse,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(settings.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = createRequest();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                JsonNode? json;
                try
                {
                    json = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
                }
                catch (JsonException)
                {
                    return LogtoResult<T>.Failed(LogtoOutcome.Rejected, $"Logto's answer to {operation} is not valid JSON");
                }

                var value = parse(response, json);
                return value is null
                    ? LogtoResult<T>.Failed(LogtoOutcome.Rejected, $"Logto's answer to {operation} has an unexpected shape")
                    : LogtoResult<T>.Ok(value);
            }

            return Failure<T>(operation, response.StatusCode, body);
        }
        catch (LogtoCallException e)
        {
            return LogtoResult<T>.Failed(e.Outcome, e.Message);
        }
        catch (HttpRequestException e)
        {
            return LogtoResult<T>.Failed(LogtoOutcome.Unavailable, $"Logto is unreachable: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return LogtoResult<T>.Failed(LogtoOutcome.Unavailable, $"Logto did not answer {operation} within {settings.Timeout.TotalSeconds:0.#} s");
        }
    }

    private LogtoResult<T> Failure<T>(string operation, HttpStatusCode status, string body)
    {
        var (code, message) = LogtoErrors.ReadApiError(body);
        var numeric = (int)status;
        return status switch
        {
            HttpStatusCode.NotFound => LogtoResult<T>.Failed(LogtoOutcome.NotFound, $"{operation}: {code ?? "404"} {message}".Trim()),
            HttpStatusCode.Forbidden => LogtoResult<T>.Failed(LogtoOutcome.ConfigurationError,
                string.Format(CultureInfo.InvariantCulture, ForbiddenHint, settings.M2MId)),
            HttpStatusCode.Unauthorized => LogtoResult<T>.Failed(LogtoOutcome.ConfigurationError,
                $"Logto refused the Management API token twice (401 {code}): check that the API resource is '{settings.Resource}'"),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => LogtoResult<T>.Failed(LogtoOutcome.Unavailable,
                $"{operation}: Logto answered {numeric}"),
            _ when numeric >= 500 => LogtoResult<T>.Failed(LogtoOutcome.Unavailable, $"{operation}: Logto answered {numeric} {code}".Trim()),
            _ => LogtoResult<T>.Failed(LogtoOutcome.Rejected, $"{operation}: Logto answered {numeric} {code}: {message}".Trim()),
        };
    }

    private static string UserPath(string userId) => "api/users/" + Uri.EscapeDataString(userId);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static JsonObject? ParseObject(HttpResponseMessage response, JsonNode? json) =>
        json is JsonObject obj ? (JsonObject)obj.DeepClone() : null;

    private static LogtoUser? ParseUser(HttpResponseMessage response, JsonNode? json)
    {
        if (json is not JsonObject user || Text(user, "id") is not { Length: > 0 } id)
        {
            return null;
        }

        var customData = user["customData"] is JsonObject data ? (JsonObject)data.DeepClone() : [];
        return new LogtoUser(id, Text(user, "username"), Text(user, "primaryEmail"), Text(user, "name"), customData);
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? TotalNumber(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Total-Number", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;
}
