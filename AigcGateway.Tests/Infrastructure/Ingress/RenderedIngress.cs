using System.Collections.Immutable;

namespace AigcGateway.Tests.Infrastructure.Ingress;

/// <summary>
/// An Ingress as OpenKruiseGame's <c>Kubernetes-Ingress</c> plugin creates it for one GameServer: named after the
/// GameServer (<c>&lt;gss&gt;-&lt;id&gt;</c>), one rule for <see cref="Host"/>, a Service of the same name as backend.
/// </summary>
public sealed record RenderedIngress(
    string Namespace,
    string Name,
    string Host,
    ImmutableArray<RenderedIngressPath> Paths,
    ImmutableSortedDictionary<string, string> Annotations)
{
    public const string AuthUrl = "nginx.ingress.kubernetes.io/auth-url";
    public const string AuthSignin = "nginx.ingress.kubernetes.io/auth-signin";
    public const string AuthResponseHeaders = "nginx.ingress.kubernetes.io/auth-response-headers";

    public string? Annotation(string key) => Annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>ingress-nginx's list from <c>auth-response-headers</c>: comma-separated, trimmed, empty items dropped.</summary>
    public ImmutableArray<string> ResponseHeaders =>
        [.. (Annotation(AuthResponseHeaders) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
