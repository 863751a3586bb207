using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>
/// The conformance rules of a <c>Kubernetes-Ingress</c> template's network (docs/forward-auth.md): ingress-nginx must
/// ask this gateway's <c>/auth</c>, bound to the server block it chose (<c>?host=$host</c>), send visitors to its
/// <c>/sign-in</c>, give each instance its own address that no other instance's path prefix-matches, and replace the
/// identity and Cookie headers the engine receives.
/// </summary>
internal static class IngressConformance
{
    private const string Id = "<id>";
    private const string GatewayPlaceholder = "https://<Gateway:PublicUrl>";

    public static void Check(TemplateNetwork network, ConformanceRules rules, ImmutableArray<ConformanceProblem>.Builder problems)
    {
        var annotations = Annotations(network);
        var gateway = rules.GatewayUrl;
        var expectedAuthUrl = gateway is null ? GatewayPlaceholder + "/auth" + Access.ForwardAuthHostBinding.Query : IngressAnnotations.AuthUrlFor(gateway);
        var expectedSignin = gateway is null ? GatewayPlaceholder + "/sign-in" : IngressAnnotations.AuthSigninFor(gateway);

        if (!annotations.TryGetValue(IngressAnnotations.AuthUrl, out var authUrl))
        {
            problems.Add(new(ConformanceCode.AuthUrlMissing, ConformanceSeverity.Error, Entry(IngressAnnotations.AuthUrl, expectedAuthUrl)));
        }
        else if (Elsewhere(authUrl, "/auth", gateway, out var host, out var path))
        {
            problems.Add(new(ConformanceCode.AuthUrlElsewhere, ConformanceSeverity.Error, authUrl, host, path, GatewayName(gateway), expectedAuthUrl));
        }
        else if (!IsBound(new Uri(authUrl.Trim()).Query))
        {
            problems.Add(new(ConformanceCode.HostBindingMissing, ConformanceSeverity.Error, authUrl, expectedAuthUrl));
        }

        if (!annotations.TryGetValue(IngressAnnotations.AuthSignin, out var signin))
        {
            problems.Add(new(ConformanceCode.AuthSigninMissing, ConformanceSeverity.Error, Entry(IngressAnnotations.AuthSignin, expectedSignin)));
        }
        else if (Elsewhere(signin, "/sign-in", gateway, out var host, out var path))
        {
            problems.Add(new(ConformanceCode.AuthSigninElsewhere, ConformanceSeverity.Error, signin, host, path, GatewayName(gateway), expectedSignin));
        }

        var paths = network.ValuesOf("Path").ToList();
        if (!network.ValuesOf("Host").Any(h => h.Contains(Id, StringComparison.Ordinal)) && !paths.Any(p => p.Contains(Id, StringComparison.Ordinal)))
        {
            problems.Add(new(ConformanceCode.InstanceIdMissing, ConformanceSeverity.Error));
        }

        // OKG gives each Path the PathType at the same position, or the first one.
        var pathTypes = network.ValuesOf("PathType").ToList();
        for (var i = 0; i < paths.Count; i++)
        {
            var pathType = i < pathTypes.Count ? pathTypes[i] : pathTypes.FirstOrDefault() ?? "ImplementationSpecific";
            var at = paths[i].IndexOf(Id, StringComparison.Ordinal);
            if (at >= 0 && !paths[i].AsSpan(at + Id.Length).StartsWith("/") && pathType is not ("Prefix" or "Exact"))
            {
                problems.Add(new(ConformanceCode.PathPrefixAmbiguous, ConformanceSeverity.Error, paths[i], pathType));
            }
        }

        var listed = (annotations.GetValueOrDefault(IngressAnnotations.AuthResponseHeaders) ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var expectedHeaders = Entry(IngressAnnotations.AuthResponseHeaders, IngressAnnotations.ResponseHeaders);
        if (!listed.Contains("X-Auth-Request-User"))
        {
            problems.Add(new(ConformanceCode.IdentityHeaderNotReplaced, ConformanceSeverity.Warning, expectedHeaders));
        }

        if (!listed.Contains("Cookie"))
        {
            problems.Add(new(ConformanceCode.AccessCookieReachesEngine, ConformanceSeverity.Warning, expectedHeaders));
        }
    }

    /// <summary>The <c>Annotation</c> entries as OKG reads them: <c>"key: value"</c>, split at <c>": "</c> into exactly two parts.</summary>
    private static Dictionary<string, string> Annotations(TemplateNetwork network)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in network.ValuesOf("Annotation"))
        {
            var parts = entry.Split(": ");
            if (parts.Length == 2)
            {
                annotations[parts[0]] = parts[1];
            }
        }

        return annotations;
    }

    /// <summary>True unless <paramref name="url"/> is an absolute http(s) URL on the gateway's host with exactly <paramref name="path"/>.</summary>
    private static bool Elsewhere(string url, string path, Uri? gateway, out string actualHost, out string actualPath)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            (actualHost, actualPath) = ("?", "?");
            return true;
        }

        (actualHost, actualPath) = (uri.Host, uri.AbsolutePath);
        var sameHost = gateway is null || string.Equals(uri.IdnHost.TrimEnd('.'), gateway.IdnHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
        return !sameHost || !string.Equals(uri.AbsolutePath, path, StringComparison.Ordinal);
    }

    /// <summary>Exactly one <c>host</c> parameter, and it is nginx's <c>$host</c> (two would make <c>/auth</c> refuse everything).</summary>
    private static bool IsBound(string query)
    {
        var hosts = query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .Where(p => p[0] == Access.ForwardAuthHostBinding.QueryParameter)
            .ToList();
        return hosts.Count == 1 && hosts[0].Length == 2 && hosts[0][1] == "$host";
    }

    private static string GatewayName(Uri? gateway) => gateway?.Host ?? "?";

    private static string Entry(string key, string value) => IngressAnnotations.Entry(key, value);
}
