using AigcGateway.Core.Access;

namespace AigcGateway.Core.Templates;

/// <summary>
/// The ingress-nginx annotations that put an instance behind this gateway, as templates carry them in
/// <c>Annotation</c> entries of their <c>Kubernetes-Ingress</c> network (docs/forward-auth.md).
/// </summary>
public static class IngressAnnotations
{
    public const string AuthUrl = "nginx.ingress.kubernetes.io/auth-url";
    public const string AuthSignin = "nginx.ingress.kubernetes.io/auth-signin";
    public const string AuthResponseHeaders = "nginx.ingress.kubernetes.io/auth-response-headers";

    /// <summary>
    /// The headers of <c>/auth</c>'s 200 that nginx passes to the engine, replacing the client's headers of the same
    /// name: the identity (a client-sent <c>X-Auth-Request-User</c> would reach the engine otherwise) and the Cookie
    /// header without the gateway's cookies.
    /// </summary>
    public const string ResponseHeaders = "X-Auth-Request-User,X-Auth-Request-Email,Cookie";

    /// <summary><c>&lt;public URL&gt;/auth?host=$host</c>: <c>/auth</c> bound to the server block nginx chose.</summary>
    public static string AuthUrlFor(Uri publicUrl) => Origin(publicUrl) + "/auth" + ForwardAuthHostBinding.Query;

    /// <summary><c>&lt;public URL&gt;/sign-in</c>: where nginx sends a browser that <c>/auth</c> answered 401.</summary>
    public static string AuthSigninFor(Uri publicUrl) => Origin(publicUrl) + "/sign-in";

    /// <summary>An <c>Annotation</c> entry of the network configuration: <c>"key: value"</c>, as OKG splits it.</summary>
    public static string Entry(string key, string value) => $"{key}: {value}";

    private static string Origin(Uri publicUrl)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        return publicUrl.GetLeftPart(UriPartial.Authority);
    }
}
