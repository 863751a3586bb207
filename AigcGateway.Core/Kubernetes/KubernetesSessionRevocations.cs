using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using AigcGateway.Core.Sessions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// <see cref="ISessionRevocations"/> in one ConfigMap of the gateway's own namespace (<see cref="ConfigMapName"/>):
/// each revoked session id is a key, its absolute end (Unix seconds) the value. Every replica lists and then watches
/// that ConfigMap (by <c>metadata.name</c>), so checks are in memory; writes are resourceVersion-guarded updates
/// (409: read again and retry, bounded) that also drop the sessions already past their end. A revocation this replica
/// could not write yet is kept here and retried in the background.
/// </summary>
internal sealed partial class KubernetesSessionRevocations(
    IKubernetes client, string @namespace, TimeProvider time, ILogger<KubernetesSessionRevocations> logger) : BackgroundService, ISessionRevocations
{
    public const string ConfigMapName = "aigc-gateway-revoked-sessions";
    private const int MaxAttempts = 8;
    private static readonly string NameSelector = $"metadata.name={ConfigMapName}";

    private readonly SemaphoreSlim _writing = new(1, 1);

    // revoked by this replica (until their end), whether or not the ConfigMap has them yet
    private readonly ConcurrentDictionary<string, DateTimeOffset> _local = new(StringComparer.Ordinal);

    // revoked by this replica and not yet written
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ImmutableDictionary<string, DateTimeOffset> _stored = ImmutableDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal);

    /// <summary>First delay after a failed watch or write (doubling up to 30 s), and how often pending writes are retried.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public bool IsReady => _ready.Task.IsCompleted;

    public bool IsRevoked(string sessionId) => _stored.ContainsKey(sessionId) || _local.ContainsKey(sessionId);

    public async Task<bool> RevokeAsync(string sessionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 253 || !sessionId.All(IsKeyCharacter))
        {
            throw new ArgumentException("A session id is a ConfigMap key: letters, digits, '-', '_' and '.'.", nameof(sessionId));
        }

        var now = time.GetUtcNow();
        foreach (var (id, end) in _local)
        {
            if (end <= now)
            {
                _local.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, end));
            }
        }

        _local[sessionId] = expiresAt;
        _pending[sessionId] = expiresAt;
        try
        {
            return await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // kept here (refused by this replica) and retried in the background
            LogWriteFailed(logger, @namespace, ConfigMapName, e);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(FollowAsync(stoppingToken), RetryPendingAsync(stoppingToken)).ConfigureAwait(false);
    }

    /// <summary>Lists the ConfigMap, then watches it from that version; re-lists on 410, backs off on errors.</summary>
    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var list = await client.CoreV1.ListNamespacedConfigMapAsync(@namespace, fieldSelector: NameSelector, cancellationToken: stoppingToken)
                    .ConfigureAwait(false);
                Store(list.Items.FirstOrDefault());
                _ready.TrySetResult();
                failures = 0;
                var version = list.Metadata?.ResourceVersion;
                while (version is not null)
                {
                    version = await WatchAsync(version, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // nothing may end this loop but shutting down: the API server restarts, resets connections, times out
                failures++;
                LogWatchFailed(logger, @namespace, ConfigMapName, e);
                try
                {
                    await Task.Delay(Backoff(failures), time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Follows one watch stream; returns the version to watch from next, or null to list again (410 Gone).</summary>
    private async Task<string?> WatchAsync(string version, CancellationToken stoppingToken)
    {
        Exception? failure = null;
        await foreach (var (type, map) in client.CoreV1.WatchListNamespacedConfigMapAsync(
            @namespace, allowWatchBookmarks: true, fieldSelector: NameSelector, resourceVersion: version,
            onError: e => failure ??= e, cancellationToken: stoppingToken).ConfigureAwait(false))
        {
            version = map?.Metadata?.ResourceVersion ?? version;
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    Store(map);
                    break;
                case WatchEventType.Deleted:
                    Store(null);
                    break;
            }
        }

        return failure switch
        {
            null => version,
            KubernetesException { Status.Code: (int)HttpStatusCode.Gone } => null,
            _ => throw new InvalidOperationException($"watching ConfigMap {@namespace}/{ConfigMapName} failed: {failure.Message}", failure),
        };
    }

    private async Task RetryPendingAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(failures == 0 ? RetryDelay : Backoff(failures), time, stoppingToken).ConfigureAwait(false);
                if (!_pending.IsEmpty)
                {
                    failures = await FlushAsync(stoppingToken).ConfigureAwait(false) ? 0 : failures + 1;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                LogWriteFailed(logger, @namespace, ConfigMapName, e);
            }
        }
    }

    /// <summary>
    /// Writes every pending revocation in one update guarded by the resourceVersion it read (or creates the ConfigMap),
    /// dropping entries past their end. True once written; false after <see cref="MaxAttempts"/> conflicts.
    /// </summary>
    private async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var batch = _pending.ToArray();
                if (batch.Length == 0)
                {
                    return true;
                }

                var current = await ReadAsync(cancellationToken).ConfigureAwait(false);
                var data = Merge(current?.Data, batch, time.GetUtcNow());
                try
                {
                    _ = current is null
                        ? await client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap(data), @namespace, cancellationToken: cancellationToken).ConfigureAwait(false)
                        : await client.CoreV1.ReplaceNamespacedConfigMapAsync(
                            new V1ConfigMap { Metadata = current.Metadata, Data = data, BinaryData = current.BinaryData },
                            ConfigMapName, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    foreach (var entry in batch)
                    {
                        _pending.TryRemove(entry);
                    }

                    // what was written reaches this replica through the watch, in order: applying it here as well could
                    // put an older version over a newer one the watch already delivered (this replica's own revocations
                    // hold meanwhile in _local)
                    return true;
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
                {
                    // someone else wrote it since it was read (or created it first): read again, merge again
                    LogConflict(logger, attempt);
                }
            }

            LogGaveUp(logger, MaxAttempts);
            return false;
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task<V1ConfigMap?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(ConfigMapName, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private V1ConfigMap NewConfigMap(Dictionary<string, string> data) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = ConfigMapName,
            NamespaceProperty = @namespace,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "aigc-gateway" },
            Annotations = new Dictionary<string, string>
            {
                ["aigc-gateway.io/description"] = "Signed-out sessions (key: session id, value: its end in Unix seconds). Written by the gateway; entries expire by themselves.",
            },
        },
        Data = data,
    };

    private static Dictionary<string, string> Merge(IDictionary<string, string>? stored, KeyValuePair<string, DateTimeOffset>[] batch, DateTimeOffset now)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, end) in Parse(stored).Concat(batch.Select(b => (b.Key, b.Value))))
        {
            if (end > now)
            {
                data[id] = end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }
        }

        return data;
    }

    private static IEnumerable<(string Id, DateTimeOffset End)> Parse(IDictionary<string, string>? data) =>
        (data ?? new Dictionary<string, string>())
            .Where(e => long.TryParse(e.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(e => (e.Key, DateTimeOffset.FromUnixTimeSeconds(long.Parse(e.Value, CultureInfo.InvariantCulture))));

    private void Store(V1ConfigMap? map) =>
        _stored = Parse(map?.Data).ToImmutableDictionary(e => e.Id, e => e.End, StringComparer.Ordinal);

    private static bool IsKeyCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(30_000, RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 10))));

    public override void Dispose()
    {
        _writing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a sign-out in ConfigMap {Namespace}/{Name}; this replica refuses the session and retries")]
    private static partial void LogWriteFailed(ILogger logger, string @namespace, string name, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the revoked sessions in ConfigMap {Namespace}/{Name} failed; retrying")]
    private static partial void LogWatchFailed(ILogger logger, string @namespace, string name, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revoked sessions changed meanwhile (attempt {Attempt}); reading them again")]
    private static partial void LogConflict(ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoked sessions kept changing through {Attempts} attempts; retrying later")]
    private static partial void LogGaveUp(ILogger logger, int attempts);
}
