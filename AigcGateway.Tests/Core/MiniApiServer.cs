using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Core;

/// <summary>
/// A minimal in-process API server for wiring tests: GameServerSets (list, watch, get, put with resourceVersion checks)
/// and empty lists with idle watches for everything else. The real emulator replaces it in the integration tests.
/// </summary>
internal sealed class MiniApiServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonNode> _sets = [];
    private readonly List<Channel<string>> _watchers = [];
    private readonly SemaphoreSlim _watchOpened = new(0);
    private WebApplication? _app;
    private long _version = 1000;

    public ConcurrentQueue<string> Requests { get; } = new();

    public int ConflictsToInject { get; set; }

    /// <summary>The next GameServerSet watch request is answered with HTTP 410 Gone.</summary>
    public bool FailNextWatchWithGone { get; set; }

    /// <summary>Waits until a GameServerSet watch has been opened (since the last call).</summary>
    public async Task WaitForWatchAsync(CancellationToken cancellationToken) =>
        (await _watchOpened.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken)).ShouldBeTrue();

    /// <summary>Sends an ERROR event with 410 Gone on every open GameServerSet watch and closes it.</summary>
    public void ExpireWatches()
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                w.Writer.TryWrite($"{{\"type\":\"ERROR\",\"object\":{Status(410)}}}");
                w.Writer.TryComplete();
            }
        }
    }

    /// <summary>Closes every open GameServerSet watch, as a dropped connection would.</summary>
    public void DropWatches()
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                w.Writer.TryComplete();
            }
        }
    }

    /// <summary>Changes a GameServerSet as another writer would, without notifying watchers (as if events were lost).</summary>
    public void SetQuietly(string name, Action<JsonNode> change)
    {
        lock (_lock)
        {
            change(_sets[name]);
            _sets[name]["metadata"]!["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
        }
    }

    public string Url { get; private set; } = string.Empty;

    public void Add(string gssJson)
    {
        var node = JsonNode.Parse(gssJson)!;
        lock (_lock)
        {
            node["metadata"]!["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
            _sets[node["metadata"]!["name"]!.GetValue<string>()] = node;
        }
    }

    public JsonNode Get(string name)
    {
        lock (_lock)
        {
            return _sets[name].DeepClone();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken);
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                w.Writer.TryComplete();
            }
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var watch = context.Request.Query["watch"] == "true";
        Requests.Enqueue($"{context.Request.Method} {path}{(watch ? "?watch" : string.Empty)}");
        context.Response.ContentType = "application/json";
        var isSets = path.Contains("/gameserversets", StringComparison.Ordinal);
        var name = isSets && path.Split('/') is var parts && parts[^2] == "gameserversets" ? parts[^1] : null;

        if (watch)
        {
            await WatchAsync(context, isSets);
            return;
        }

        if (isSets && name is null)
        {
            lock (_lock)
            {
                var items = new JsonArray([.. _sets.Values.Select(s => s.DeepClone())]);
                var list = new JsonObject { ["apiVersion"] = "game.kruise.io/v1alpha1", ["kind"] = "GameServerSetList", ["metadata"] = new JsonObject { ["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture) }, ["items"] = items };
                _ = context.Response.WriteAsync(list.ToJsonString());
            }

            return;
        }

        if (name is not null && context.Request.Method == "GET")
        {
            string? json;
            lock (_lock)
            {
                json = _sets.TryGetValue(name, out var node) ? node.ToJsonString() : null;
            }

            await Reply(context, json ?? Status(404), json is null ? 404 : 200);
            return;
        }

        if (name is not null && context.Request.Method == "PUT")
        {
            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
            string reply;
            var status = 200;
            lock (_lock)
            {
                var current = _sets[name];
                if (ConflictsToInject > 0)
                {
                    ConflictsToInject--;
                    current["metadata"]!["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
                    (reply, status) = (Status(409), 409);
                }
                else if (body["metadata"]!["resourceVersion"]!.GetValue<string>() != current["metadata"]!["resourceVersion"]!.GetValue<string>())
                {
                    (reply, status) = (Status(409), 409);
                }
                else
                {
                    body["metadata"]!["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
                    _sets[name] = body;
                    reply = body.ToJsonString();
                    foreach (var w in _watchers)
                    {
                        w.Writer.TryWrite(new JsonObject { ["type"] = "MODIFIED", ["object"] = body.DeepClone() }.ToJsonString());
                    }
                }
            }

            await Reply(context, reply, status);
            return;
        }

        // every other kind: an empty list
        await Reply(context, """{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":"1"},"items":[]}""", 200);
    }

    private async Task WatchAsync(HttpContext context, bool isSets)
    {
        if (isSets && FailNextWatchWithGone)
        {
            FailNextWatchWithGone = false;
            await Reply(context, Status(410), 410);
            return;
        }

        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (!isSets)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        var channel = Channel.CreateUnbounded<string>();
        lock (_lock)
        {
            _watchers.Add(channel);
        }

        _watchOpened.Release();

        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }

    private static Task Reply(HttpContext context, string json, int status)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(json);
    }

    private static string Status(int code) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"{{code switch { 409 => "Conflict", 410 => "Expired", _ => "NotFound" }}}","code":{{code}}}""";
}
