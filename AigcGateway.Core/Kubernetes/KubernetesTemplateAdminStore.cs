using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Core.Kubernetes;

/// <summary><see cref="ITemplateAdminStore"/> over KubernetesClient: whole GameServerSets as JSON, so unknown fields survive.</summary>
internal sealed class KubernetesTemplateAdminStore(IKubernetes client, TimeProvider time, ConformanceRules conformance) : ITemplateAdminStore
{
    private const string Group = GameServerSet.Group;
    private const string Version = GameServerSet.Version;
    private const string AuditPrefix = "aigc-gateway.io/audit-";

    /// <summary>
    /// Administrators' manifests are validated strictly: a field the CRD schema does not know is refused by name (400)
    /// instead of being pruned with only a warning header, so "kept as written" holds.
    /// </summary>
    private const string StrictFields = "Strict";

    /// <summary>The store over the client the core registered.</summary>
    public static ITemplateAdminStore FromServices(IServiceProvider services) =>
        new KubernetesTemplateAdminStore(
            services.GetRequiredService<IKubernetes>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ConformanceRules>());

    public Task<TemplateEditBasis?> ReadAsync(TemplateRef template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        return CallAsync<TemplateEditBasis?>($"read GameServerSet {template}", async () =>
        {
            using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
                Group, Version, template.Namespace, GameServerSet.Plural, template.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var manifest = response.Body;
            var version = manifest["metadata"]?["resourceVersion"]?.GetValue<string>() ?? string.Empty;
            return new TemplateEditBasis(template, ForEditing(manifest), version);
        }, cancellationToken, whenNotFound: null);
    }

    public Task CreateAsync(JsonObject manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var (ns, name) = Identity(manifest);
        return CallAsync($"create GameServerSet {ns}/{name}", async () =>
        {
            using var _ = await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
                manifest, Group, Version, ns, GameServerSet.Plural, fieldValidation: StrictFields, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task ReplaceAsync(JsonObject manifest, string resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var (ns, name) = Identity(manifest);
        var body = (JsonObject)manifest.DeepClone();
        var metadata = body["metadata"] as JsonObject ?? [];
        metadata["resourceVersion"] = resourceVersion;
        body["metadata"] = metadata;
        return CallAsync($"update GameServerSet {ns}/{name}", async () =>
        {
            using var _ = await client.CustomObjects.ReplaceNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
                body, Group, Version, ns, GameServerSet.Plural, name, fieldValidation: StrictFields, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task DeleteAsync(TemplateRef template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        // already gone counts as deleted
        return CallAsync($"delete GameServerSet {template}", async () =>
        {
            using var _ = await client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(
                Group, Version, template.Namespace, GameServerSet.Plural, template.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken, whenNotFound: true);
    }

    public async Task RecordEventAsync(TemplateRef template, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(entry);
        var now = time.GetUtcNow().UtcDateTime;
        var reason = string.Concat(entry.Action.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                GenerateName = template.Name + ".",
                NamespaceProperty = template.Namespace,
                Annotations = new Dictionary<string, string>
                {
                    [AuditPrefix + "actor"] = entry.Actor,
                    [AuditPrefix + "action"] = entry.Action,
                    [AuditPrefix + "target"] = entry.Target,
                    [AuditPrefix + "succeeded"] = entry.Succeeded ? "true" : "false",
                    [AuditPrefix + "detail"] = entry.Detail ?? string.Empty,
                },
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = Group + "/" + Version,
                Kind = "GameServerSet",
                Name = template.Name,
                NamespaceProperty = template.Namespace,
            },
            Reason = reason,
            Message = entry.Message,
            Type = entry.Succeeded ? "Normal" : "Warning",
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            Source = new V1EventSource { Component = "aigc-gateway" },
            ReportingComponent = "aigc-gateway",
        };
        await CallAsync($"record event on GameServerSet {template}", async () =>
        {
            using var _ = await client.CoreV1.CreateNamespacedEventWithHttpMessagesAsync(ev, template.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public ImmutableArray<ConformanceProblem> Conformance(JsonObject manifest) => AdminManifests.Conformance(manifest, conformance);

    /// <summary>The manifest without status and the fields the server maintains (kept: everything an administrator wrote).</summary>
    internal static JsonObject ForEditing(JsonObject manifest)
    {
        var copy = (JsonObject)manifest.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var key in (string[])["resourceVersion", "uid", "generation", "creationTimestamp", "managedFields", "selfLink"])
            {
                metadata.Remove(key);
            }
        }

        return copy;
    }

    private static (string Namespace, string Name) Identity(JsonObject manifest) =>
        (manifest["metadata"]?["namespace"]?.GetValue<string>() ?? "default", manifest["metadata"]?["name"]?.GetValue<string>() ?? string.Empty);

    /// <summary>One call to the API server, its failures as the store reports them (a 404 among them).</summary>
    private static Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken) =>
        CallAsync(what, call, cancellationToken, notFound: false, default!);

    /// <summary>One call to the API server, a 404 answered with <paramref name="whenNotFound"/>.</summary>
    private static Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken, T whenNotFound) =>
        CallAsync(what, call, cancellationToken, notFound: true, whenNotFound);

    /// <summary>
    /// One call to the API server, its failures as the store reports them: the server's answer translated
    /// (<see cref="Translate"/>), an unreachable server as such, and a 404 as <paramref name="whenNotFound"/> when
    /// <paramref name="notFound"/> says the caller expects one.
    /// </summary>
    private static async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken, bool notFound, T whenNotFound)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (notFound && ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return whenNotFound;
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, what);
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, what);
        }
    }

    private static ClusterException Translate(HttpOperationException ex, string what)
    {
        var code = (int)ex.Response.StatusCode;
        var detail = ex.Response.Content is { Length: > 0 } content && JsonNode.Parse(content) is JsonObject status && status["message"]?.GetValue<string>() is { } message
            ? message
            : ex.Response.ReasonPhrase;
        var text = $"{what}: {code} {detail}";
        if (code == 400 && detail?.Contains("strict decoding error", StringComparison.Ordinal) == true)
        {
            return new TemplateFieldRejectedException(text, ex) { StatusCode = code, ServerMessage = detail };
        }

        return code == 409 ? new ClusterConflictException(text, ex) : new ClusterException(text, ex) { StatusCode = code };
    }
}
