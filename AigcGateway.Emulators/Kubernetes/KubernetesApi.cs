using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>The REST surface of the emulated API server: discovery, CRUD, patch, subresources and watch.</summary>
internal sealed class KubernetesApi(ObjectStore store, KubernetesEmulatorFaults faults, KubernetesEmulatorOptions options)
{
    private readonly Dictionary<ResourceType, SchemaValidator> _validators = new()
    {
        [ResourceType.GameServerSets] = CrdCatalog.ValidatorFor(ResourceType.GameServerSets),
        [ResourceType.GameServers] = CrdCatalog.ValidatorFor(ResourceType.GameServers),
    };

    private readonly CancellationTokenSource _stopping = new();
    private readonly TableConverter _tables = new(options.TimeProvider);

    public void Stop() => _stopping.Cancel();

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context).ConfigureAwait(false);
        }
        catch (StatusException e)
        {
            await WriteAsync(context, e.Code, e.ToStatus()).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException e)
        {
            await WriteAsync(context, 400, StatusException.BadRequest($"the request body is not valid JSON: {e.Message}").ToStatus()).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException)
        {
            await WriteAsync(context, 500, new StatusException(500, "InternalError", $"Internal error occurred: {e.Message}").ToStatus()).ConfigureAwait(false);
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var path = context.Request.Path.Value?.Trim('/') ?? "";
        var parts = path.Length == 0 ? [] : path.Split('/');
        var method = context.Request.Method;
        switch (parts)
        {
            case ["version"]:
                await WriteAsync(context, 200, Discovery.Version()).ConfigureAwait(false);
                return;
            case ["healthz" or "livez" or "readyz", ..]:
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
                return;
            case ["api"]:
                await WriteAsync(context, 200, Discovery.ApiVersions(context)).ConfigureAwait(false);
                return;
            case ["apis"]:
                await WriteAsync(context, 200, Discovery.GroupList()).ConfigureAwait(false);
                return;
            case ["api", "v1"]:
                await WriteAsync(context, 200, Discovery.ResourceList("", "v1")).ConfigureAwait(false);
                return;
            case ["apis", var group] when Discovery.Groups().Any(g => g.Group == group):
                await WriteAsync(context, 200, Discovery.Group(group)).ConfigureAwait(false);
                return;
            case ["apis", var group, var version] when ResourceType.All.Any(t => t.Group == group && t.Version == version):
                await WriteAsync(context, 200, Discovery.ResourceList(group, version)).ConfigureAwait(false);
                return;
            case ["api", "v1", .. var rest]:
                await ResourceAsync(context, "", "v1", rest, method).ConfigureAwait(false);
                return;
            case ["apis", var group, var version, .. var rest] when rest.Length > 0:
                await ResourceAsync(context, group, version, rest, method).ConfigureAwait(false);
                return;
            default:
                throw new StatusException(404, "NotFound", "the server could not find the requested resource");
        }
    }

    private static ResourceType Find(string group, string version, string plural) =>
        ResourceType.All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural)
        ?? throw new StatusException(404, "NotFound", "the server could not find the requested resource");

    private static bool IsPlural(string group, string version, string plural) =>
        ResourceType.All.Any(t => t.Group == group && t.Version == version && t.Plural == plural);

    private async Task ResourceAsync(HttpContext context, string group, string version, string[] rest, string method)
    {
        string? ns = null;
        if (rest is ["namespaces", var n, var plural, ..] && IsPlural(group, version, plural))
        {
            ns = n;
            rest = rest[2..];
        }

        var type = Find(group, version, rest[0]);
        if (type.Namespaced && ns is null && rest.Length > 1)
        {
            throw new StatusException(404, "NotFound", "the server could not find the requested resource");
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        if (rest.Length > 3 || subresource is not (null or "status" or "scale")
            || (subresource == "scale" && type != ResourceType.GameServerSets)
            || (subresource == "status" && !type.HasStatus))
        {
            throw new StatusException(404, "NotFound", "the server could not find the requested resource");
        }

        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            if (type.ReadOnly)
            {
                throw new StatusException(405, "MethodNotAllowed", $"{method} is not supported on {type.GroupResource} by this emulator");
            }

            if (faults.TakeWriteFailure() is { } code)
            {
                throw code == 409
                    ? StatusException.Conflict(type, name ?? "")
                    : new StatusException(500, "InternalError", "Internal error occurred: injected fault");
            }
        }

        ns ??= "";
        var write = WriteRequest.From(context);
        switch (method, name)
        {
            case ("GET", null) when IsTrue(context.Request.Query["watch"]):
                await WatchAsync(context, type, type.Namespaced && ns.Length > 0 ? ns : null).ConfigureAwait(false);
                break;
            case ("GET", null):
                await ListAsync(context, type, type.Namespaced && ns.Length > 0 ? ns : null).ConfigureAwait(false);
                break;
            case ("GET", _):
                {
                    var obj = store.Get(type, ns, name) ?? throw StatusException.NotFound(type, name);
                    if (subresource is null && TableConverter.Wanted(context.Request.Headers.Accept))
                    {
                        obj = _tables.Table(type, [obj], new JsonObject { ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone() }, context.Request.Query["includeObject"]);
                    }

                    await WriteAsync(context, 200, subresource == "scale" ? Scale(obj) : obj).ConfigureAwait(false);
                    break;
                }

            case ("POST", null):
                await WriteAsync(context, 201, Create(type, ns, await ReadAsync(context).ConfigureAwait(false), write), write).ConfigureAwait(false);
                break;
            case ("PUT", not null):
                await WriteAsync(context, 200, Replace(type, ns, name, subresource, await ReadAsync(context).ConfigureAwait(false), write), write).ConfigureAwait(false);
                break;
            case ("PATCH", not null):
                {
                    var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                    await WriteAsync(context, 200, Patch(type, ns, name, subresource, context.Request.ContentType ?? "", body, write), write).ConfigureAwait(false);
                    break;
                }

            case ("DELETE", not null):
                await WriteAsync(context, 200, write.DryRun ? store.Get(type, ns, name) ?? throw StatusException.NotFound(type, name) : await DeleteAsync(context, type, ns, name).ConfigureAwait(false)).ConfigureAwait(false);
                break;
            case ("DELETE", null):
                await WriteAsync(context, 200, DeleteCollection(context, type, ns)).ConfigureAwait(false);
                break;
            default:
                throw new StatusException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return node as JsonObject ?? throw StatusException.BadRequest("the request body is not a JSON object");
    }

    private static long? Version(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) && rv > 0 ? rv : null;

    private async Task ListAsync(HttpContext context, ResourceType type, string? ns)
    {
        var query = context.Request.Query;
        if (Version(query["resourceVersion"]) is { } requested)
        {
            store.CheckServable(requested);
        }

        var (items, rv) = store.List(type, ns, Selector.ParseLabels(query["labelSelector"]), FieldSelectors.Parse(type, query["fieldSelector"]));
        var offset = 0;
        if (query["continue"].ToString() is { Length: > 0 } token)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            var tokenVersion = long.Parse(decoded[0], CultureInfo.InvariantCulture);
            try
            {
                store.CheckServable(tokenVersion);
            }
            catch (StatusException)
            {
                throw new StatusException(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }

            offset = Math.Min(items.Count, int.Parse(decoded[1], CultureInfo.InvariantCulture));
        }

        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var page = items.Skip(offset).Take(limit).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        var remaining = items.Count - offset - page.Count;
        if (remaining > 0)
        {
            metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rv}:{offset + page.Count}"));
            metadata["remainingItemCount"] = remaining;
        }

        if (TableConverter.Wanted(context.Request.Headers.Accept))
        {
            var table = _tables.Table(type, page.Select(b => Json.ParseObject(b)), metadata, query["includeObject"]);
            await WriteAsync(context, 200, table).ConfigureAwait(false);
            return;
        }

        var head = $"{{\"kind\":\"{type.Kind}List\",\"apiVersion\":\"{type.ApiVersion}\",\"metadata\":{metadata.ToJsonString()},\"items\":[";
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var body = new MemoryStream();
        body.Write(Encoding.UTF8.GetBytes(head));
        for (var i = 0; i < page.Count; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }

            body.Write(page[i]);
        }

        body.Write("]}"u8);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WatchAsync(HttpContext context, ResourceType type, string? ns)
    {
        var query = context.Request.Query;
        var sendInitial = IsTrue(query["sendInitialEvents"]);
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : Timeout.InfiniteTimeSpan;
        var asTable = TableConverter.Wanted(context.Request.Headers.Accept);
        var tableHeaders = true;
        var fields = FieldSelectors.Parse(type, query["fieldSelector"]); // 400 before the stream starts
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        Watcher watcher;
        try
        {
            watcher = store.Watch(type, ns, Selector.ParseLabels(query["labelSelector"]), fields,
                sendInitial ? null : Version(query["resourceVersion"]));
        }
        catch (StatusException e)
        {
            var line = ObjectStore.Line("ERROR", Json.ToBytes(e.ToStatus()));
            await context.Response.Body.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (sendInitial && bookmarks)
        {
            store.PostBookmark(watcher, initialEventsEnd: true);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            cts.CancelAfter(timeout);
        }

        try
        {
            await context.Response.StartAsync(cts.Token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(cts.Token).ConfigureAwait(false);
            Task? bookmarkTick = null;
            Task<bool>? ready = null; // one outstanding wait at a time (the channel has a single reader)
            while (true)
            {
                ready ??= watcher.Lines.WaitToReadAsync(cts.Token).AsTask();
                if (bookmarks)
                {
                    bookmarkTick ??= Task.Delay(options.BookmarkInterval, options.TimeProvider, cts.Token);
                    var first = await Task.WhenAny(ready, bookmarkTick).ConfigureAwait(false);
                    if (first == bookmarkTick)
                    {
                        // Cancelled (the client went away, the timeout, the server stopping): end now. Looping would
                        // spin, since a new tick on the cancelled token completes at once while the channel's wait
                        // completes only when the thread pool gets to it, and the spinning starves the pool.
                        cts.Token.ThrowIfCancellationRequested();
                        bookmarkTick = null;
                        store.PostBookmark(watcher);
                        continue;
                    }
                }

                var more = await ready.ConfigureAwait(false);
                ready = null;
                if (!more)
                {
                    break;
                }

                while (watcher.Lines.TryRead(out var line))
                {
                    await context.Response.Body.WriteAsync(asTable ? TableLine(type, line, query["includeObject"], ref tableHeaders) : line, cts.Token).ConfigureAwait(false);
                }

                await context.Response.Body.FlushAsync(cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            store.Unwatch(watcher);
        }
    }

    private byte[] TableLine(ResourceType type, byte[] line, string? includeObject, ref bool headers)
    {
        var e = Json.ParseObject(line);
        if (Json.String(e["type"]) is "BOOKMARK" or "ERROR" || e["object"] is not JsonObject obj)
        {
            return line;
        }

        var table = _tables.Table(type, [obj], new JsonObject { ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone() }, includeObject, headers);
        headers = false;
        return ObjectStore.Line(Json.String(e["type"])!, Json.ToBytes(table));
    }

    private JsonObject Create(ResourceType type, string ns, JsonObject obj, WriteRequest write)
    {
        CheckIdentity(type, obj);
        var metadata = Json.Metadata(obj);
        if (type.Namespaced)
        {
            var bodyNs = Json.Namespace(obj);
            if (bodyNs.Length > 0 && bodyNs != ns)
            {
                throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = ns;
        }

        if (Json.Name(obj).Length == 0)
        {
            if (Json.String(metadata["generateName"]) is { Length: > 0 } prefix)
            {
                metadata["name"] = prefix + Guid.NewGuid().ToString("N")[..5];
            }
            else
            {
                throw StatusException.Invalid(type, "", [("metadata.name", "metadata.name: Required value: name or generateName is required", "FieldValueRequired")]);
            }
        }

        metadata.Remove("resourceVersion");
        if (type.HasStatus && type != ResourceType.Namespaces)
        {
            obj.Remove("status");
        }

        lock (store.SyncRoot)
        {
            Validate(type, obj, write); // schemas are shared JsonObjects: read them under the lock only
            if (write.DryRun)
            {
                return store.Peek(type, ns, Json.Name(obj)) is null ? obj : throw StatusException.AlreadyExists(type, Json.Name(obj));
            }

            var created = store.Create(type, obj);
            if (type.Namespaced && store.Peek(ResourceType.Namespaces, "", ns) is null)
            {
                // lenient where a real API server answers 404: the namespace appears, so kubectl get ns stays consistent
                store.Create(ResourceType.Namespaces, new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = ns, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
                    ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                    ["status"] = new JsonObject { ["phase"] = "Active" },
                });
            }

            return created;
        }
    }

    private static void CheckIdentity(ResourceType type, JsonObject obj)
    {
        var kind = Json.String(obj["kind"]);
        var apiVersion = Json.String(obj["apiVersion"]);
        if ((kind is not null && kind != type.Kind) || (apiVersion is not null && apiVersion != type.ApiVersion))
        {
            throw StatusException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }
    }

    private void Validate(ResourceType type, JsonObject obj, WriteRequest write)
    {
        if (_validators.TryGetValue(type, out var validator))
        {
            var unknown = new List<string>();
            var errors = validator.ValidateAndPrune(obj, unknown);
            write.Unknown(type, unknown); // a strict decoding error comes before validation
            if (errors.Count > 0)
            {
                throw StatusException.Invalid(type, Json.Name(obj), errors);
            }
        }
    }

    private JsonObject Replace(ResourceType type, string ns, string name, string? subresource, JsonObject body, WriteRequest write)
    {
        lock (store.SyncRoot)
        {
            var current = store.Get(type, ns, name) ?? throw StatusException.NotFound(type, name);
            if (subresource == "scale")
            {
                return ApplyScale(type, current, body, write);
            }

            CheckIdentity(type, body);
            if (Json.Name(body) != name)
            {
                throw StatusException.BadRequest($"the name of the object ({Json.Name(body)}) does not match the name on the URL ({name})");
            }

            if (type.IsCustom && Json.ResourceVersion(body) == 0)
            {
                throw StatusException.Invalid(type, name, [("metadata.resourceVersion", "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", "FieldValueInvalid")]);
            }

            return Write(type, ns, current, body, subresource, Json.ResourceVersion(body), write);
        }
    }

    private JsonObject Write(ResourceType type, string ns, JsonObject current, JsonObject desired, string? subresource, long precondition, WriteRequest write)
    {
        if (precondition != 0 && precondition != Json.ResourceVersion(current))
        {
            throw StatusException.Conflict(type, Json.Name(current));
        }

        JsonObject result;
        if (subresource == "status")
        {
            result = current;
            result["status"] = desired["status"]?.DeepClone();
        }
        else
        {
            result = desired;
            if (type.HasStatus && type != ResourceType.Namespaces)
            {
                result["status"] = current["status"]?.DeepClone();
            }
        }

        var metadata = Json.Metadata(result);
        metadata["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone();
        if (type.Namespaced)
        {
            metadata["namespace"] = ns;
        }

        Validate(type, result, write);
        return write.DryRun ? result : store.Update(type, result);
    }

    private JsonObject Patch(ResourceType type, string ns, string name, string? subresource, string contentType, JsonNode? patch, WriteRequest write)
    {
        lock (store.SyncRoot)
        {
            var current = store.Get(type, ns, name) ?? throw StatusException.NotFound(type, name);
            var target = subresource == "scale" ? Scale(current) : (JsonObject)current.DeepClone();
            var originalVersion = Json.String(target["metadata"]?["resourceVersion"]);
            JsonNode? patched;
            if (contentType.StartsWith("application/json-patch+json", StringComparison.OrdinalIgnoreCase))
            {
                patched = JsonPatching.JsonPatch(target, patch as JsonArray ?? throw StatusException.BadRequest("a JSON patch must be an array"));
            }
            else if (contentType.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase)
                || contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.OrdinalIgnoreCase))
            {
                patched = JsonPatching.MergePatch(target, patch);
            }
            else
            {
                throw new StatusException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json");
            }

            if (patched is not JsonObject result)
            {
                throw StatusException.BadRequest("the patch did not produce an object");
            }

            var requested = Json.String(result["metadata"]?["resourceVersion"]);
            var precondition = requested is not null && requested != originalVersion ? Version(requested) ?? -1 : 0;
            if (subresource == "scale")
            {
                if (precondition != 0 && precondition != Json.ResourceVersion(current))
                {
                    throw StatusException.Conflict(type, name);
                }

                return ApplyScale(type, current, result, write);
            }

            result = Json.ParseObject(Json.ToBytes(result));
            return Write(type, ns, current, result, subresource, precondition, write);
        }
    }

    private static JsonObject Scale(JsonObject gss) => new()
    {
        ["kind"] = "Scale",
        ["apiVersion"] = "autoscaling/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = Json.Name(gss),
            ["namespace"] = Json.Namespace(gss),
            ["uid"] = Json.Uid(gss),
            ["resourceVersion"] = gss["metadata"]?["resourceVersion"]?.DeepClone(),
            ["creationTimestamp"] = gss["metadata"]?["creationTimestamp"]?.DeepClone(),
        },
        ["spec"] = new JsonObject { ["replicas"] = gss["spec"]?["replicas"]?.DeepClone() ?? 0 },
        ["status"] = new JsonObject
        {
            ["replicas"] = gss["status"]?["replicas"]?.DeepClone() ?? 0,
            ["selector"] = gss["status"]?["labelSelector"]?.DeepClone() ?? $"{OkgController.OwnerLabel}={Json.Name(gss)}",
        },
    };

    private JsonObject ApplyScale(ResourceType type, JsonObject current, JsonObject scale, WriteRequest write)
    {
        if (Json.ResourceVersion(scale) is var rv and not 0 && rv != Json.ResourceVersion(current))
        {
            throw StatusException.Conflict(type, Json.Name(current));
        }

        var updated = (JsonObject)current.DeepClone();
        Json.Child(updated, "spec")["replicas"] = scale["spec"]?["replicas"]?.DeepClone() ?? 0;
        updated = Json.ParseObject(Json.ToBytes(updated));
        Validate(type, updated, write);
        return Scale(write.DryRun ? updated : store.Update(type, updated));
    }

    private async Task<JsonObject> DeleteAsync(HttpContext context, ResourceType type, string ns, string name)
    {
        var options = await DeleteOptions.ReadAsync(context).ConfigureAwait(false);
        return store.Delete(type, ns, name, options.ResourceVersion, options.Uid, options.GracePeriod);
    }

    private JsonObject DeleteCollection(HttpContext context, ResourceType type, string ns)
    {
        var labels = Selector.ParseLabels(context.Request.Query["labelSelector"]);
        var fields = FieldSelectors.Parse(type, context.Request.Query["fieldSelector"]);
        var deleted = new JsonArray();
        lock (store.SyncRoot)
        {
            var (items, rv) = store.List(type, type.Namespaced && ns.Length > 0 ? ns : null, labels, fields);
            foreach (var item in items.Select(i => Json.ParseObject(i)))
            {
                deleted.Add(store.Delete(type, Json.Namespace(item), Json.Name(item)));
            }

            return new JsonObject
            {
                ["kind"] = $"{type.Kind}List",
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
                ["items"] = deleted,
            };
        }
    }

    private static async Task WriteAsync(HttpContext context, int code, JsonObject body, WriteRequest? write = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        write?.WriteWarnings(context.Response);
        var bytes = Json.ToBytes(body);
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
