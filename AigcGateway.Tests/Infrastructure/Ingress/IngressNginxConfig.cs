using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace AigcGateway.Tests.Infrastructure.Ingress;

/// <summary>
/// Renders the <c>http { }</c> content of nginx.conf for a set of Ingresses the way ingress-nginx's template
/// (<c>rootfs/etc/nginx/template/nginx.tmpl</c>, controller v1.15) does, for the parts that decide access: one
/// <c>server</c> per host with an exact <c>server_name</c>, a root location per server that carries the first
/// Ingress's annotations and goes to the default backend, the Ingress paths as locations (non-regex
/// <c>ImplementationSpecific</c> as plain prefixes, <c>Exact</c> as <c>=</c>, <c>Prefix</c> as <c>path/</c> plus an
/// exact twin), and per protected location its own internal <c>/_external-auth-*</c> location whose
/// <c>proxy_pass $target</c> uses the <c>auth-url</c> with nginx variables expanded, the <c>auth-signin</c> named
/// location, <c>auth_request_set $auth_cookie ...; add_header Set-Cookie $auth_cookie;</c> and one
/// <c>auth_request_set</c> + <c>proxy_set_header</c> pair per <c>auth-response-headers</c> entry.
/// The Lua balancer is replaced by one upstream per Ingress service port.
/// </summary>
public static partial class IngressNginxConfig
{
    private const string DefaultBackend = "upstream-default-backend";

    /// <param name="listen">the address nginx listens on, e.g. <c>127.0.0.1:41234</c></param>
    /// <param name="backendOf">where the Service of an Ingress path is served, e.g. <c>127.0.0.1:40001</c></param>
    /// <param name="defaultBackend">the default backend (answers 404)</param>
    public static string Render(string listen, IReadOnlyList<RenderedIngress> ingresses, Func<RenderedIngress, RenderedIngressPath, string> backendOf, string defaultBackend)
    {
        ArgumentNullException.ThrowIfNull(ingresses);
        ArgumentNullException.ThrowIfNull(backendOf);
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $"upstream {DefaultBackend} {{ server {defaultBackend}; }}");
        foreach (var (ingress, path) in ingresses.SelectMany(i => i.Paths.Select(p => (i, p))).DistinctBy(x => UpstreamName(x.i, x.p)))
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"upstream {UpstreamName(ingress, path)} {{ server {backendOf(ingress, path)}; }}");
        }

        foreach (var host in ingresses.Select(i => i.Host).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"## start server {host}");
            config.AppendLine("server {");
            config.AppendLine(CultureInfo.InvariantCulture, $"    server_name {ServerName(host)};");
            config.AppendLine(CultureInfo.InvariantCulture, $"    listen {listen};");
            foreach (var location in Locations(ingresses.Where(i => string.Equals(i.Host, host, StringComparison.OrdinalIgnoreCase)).ToList()))
            {
                RenderLocation(config, location);
            }

            config.AppendLine("}");
        }

        return config.ToString();
    }

    /// <summary>ingress-nginx's upstream name: <c>&lt;namespace&gt;-&lt;service&gt;-&lt;port&gt;</c> (the Service is named after the Ingress).</summary>
    public static string UpstreamName(RenderedIngress ingress, RenderedIngressPath path) =>
        $"{ingress.Namespace}-{ingress.Name}-{path.Port.ToString(CultureInfo.InvariantCulture)}";

    private static string ServerName(string host) => host.StartsWith("*.", StringComparison.Ordinal)
        ? $"\"~^(?<subdomain>[\\w-]+)\\.{Regex.Escape(host[2..])}$\""
        : $"\"{host}\"";

    /// <summary>The server's locations after ingress-nginx's <c>createServers</c> and <c>updateServerLocations</c>.</summary>
    private static List<Location> Locations(List<RenderedIngress> ingresses)
    {
        var locations = new List<Location> { new(ingresses[0], "/", "Prefix", DefaultBackend, IsDefaultBackend: true) };
        foreach (var ingress in ingresses)
        {
            foreach (var path in ingress.Paths)
            {
                var root = locations[0];
                if (path.Path == "/" && root.IsDefaultBackend)
                {
                    locations[0] = new(ingress, "/", path.PathType, UpstreamName(ingress, path), IsDefaultBackend: false);
                }
                else if (!locations.Any(l => l.Path == path.Path && l.PathType == path.PathType))
                {
                    locations.Add(new(ingress, path.Path, path.PathType, UpstreamName(ingress, path), IsDefaultBackend: false));
                }
            }
        }

        var exact = locations.Where(l => l.PathType == "Exact").Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        var updated = new List<Location>();
        foreach (var location in locations)
        {
            if (location.Path == "/" || location.PathType != "Prefix")
            {
                updated.Add(location);
                continue;
            }

            updated.Add(location with { Path = location.Path.EndsWith('/') ? location.Path : location.Path + "/" });
            if (!exact.Contains(location.Path))
            {
                updated.Add(location with { PathType = "Exact" });
            }
        }

        return [.. updated.OrderByDescending(l => l.Path.Length)];
    }

    private static void RenderLocation(StringBuilder config, Location location)
    {
        var ingress = location.Ingress;
        var authUrl = ingress.Annotation(RenderedIngress.AuthUrl);
        var signin = ingress.Annotation(RenderedIngress.AuthSignin);
        var authPath = authUrl is null ? null : $"/_external-auth-{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(location.Path))}-{location.PathType}";
        var signinLocation = "@" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(location.Path + signin)));
        if (authPath is not null)
        {
            var authUri = new Uri(ValidUrl(authUrl!), UriKind.Absolute);
            config.Append(CultureInfo.InvariantCulture, $$"""
                    location = {{authPath}} {
                        internal;
                        access_log off;
                        set $proxy_upstream_name "{{location.Upstream}}";
                        proxy_intercept_errors off;
                        proxy_pass_request_body off;
                        proxy_set_header Content-Length "";
                        proxy_set_header X-Forwarded-Proto "";
                        proxy_set_header X-Request-ID $req_id;
                        proxy_set_header Host {{authUri.IdnHost}};
                        proxy_set_header X-Original-URL $scheme://$http_host$request_uri;
                        proxy_set_header X-Original-Method $request_method;
                        proxy_set_header X-Sent-From "nginx-ingress-controller";
                        proxy_set_header X-Real-IP $remote_addr;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Auth-Request-Redirect $request_uri;
                        proxy_buffering off;
                        proxy_buffer_size 4k;
                        proxy_buffers 4 4k;
                        proxy_request_buffering on;
                        proxy_ssl_server_name on;
                        proxy_pass_request_headers on;
                        client_max_body_size 1m;
                        proxy_http_version 1.1;
                        set $target "{{authUrl}}";
                        proxy_pass $target;
                    }

                """);
        }

        if (authPath is not null && signin is not null)
        {
            config.Append(CultureInfo.InvariantCulture, $$"""
                    location {{signinLocation}} {
                        internal;
                        add_header Set-Cookie $auth_cookie;
                        return 302 {{SigninUrl(ValidUrl(signin))}};
                    }

                """);
        }

        var modifier = location.PathType == "Exact" ? "= " : "";
        config.Append(CultureInfo.InvariantCulture, $$"""
                location {{modifier}}"{{location.Path}}" {
                    set $namespace "{{ingress.Namespace}}";
                    set $ingress_name "{{ingress.Name}}";
                    set $service_name "{{ingress.Name}}";
                    port_in_redirect off;
                    set $proxy_upstream_name "{{location.Upstream}}";
                    set $proxy_host $proxy_upstream_name;
                    set $pass_access_scheme $scheme;
                    set $pass_server_port $server_port;
                    set $best_http_host $http_host;
                    set $pass_port $pass_server_port;

            """);
        if (authPath is not null)
        {
            config.AppendLine("        # this location requires authentication");
            config.AppendLine(CultureInfo.InvariantCulture, $"        auth_request {authPath};");
            config.AppendLine("        auth_request_set $auth_cookie $upstream_http_set_cookie;");
            config.AppendLine("        add_header Set-Cookie $auth_cookie;");
            foreach (var (header, i) in ingress.ResponseHeaders.Select((h, i) => (h, i)))
            {
                if (!HeaderName().IsMatch(header))
                {
                    throw new ArgumentException($"ingress-nginx denies the location: invalid auth-response-headers entry \"{header}\"");
                }

                config.AppendLine(CultureInfo.InvariantCulture, $"        auth_request_set $authHeader{i} $upstream_http_{header.ToLowerInvariant().Replace('-', '_')};");
                config.AppendLine(CultureInfo.InvariantCulture, $"        proxy_set_header '{header}' $authHeader{i};");
            }

            if (signin is not null)
            {
                config.AppendLine("        set_escape_uri $escaped_request_uri $request_uri;");
                config.AppendLine(CultureInfo.InvariantCulture, $"        error_page 401 = {signinLocation};");
            }
        }

        config.Append(CultureInfo.InvariantCulture, $$"""
                    client_max_body_size 1m;
                    proxy_set_header Host $best_http_host;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_set_header X-Request-ID $req_id;
                    proxy_set_header X-Real-IP $remote_addr;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-Forwarded-Host $best_http_host;
                    proxy_set_header X-Forwarded-Port $pass_port;
                    proxy_set_header X-Forwarded-Proto $pass_access_scheme;
                    proxy_set_header X-Forwarded-Scheme $pass_access_scheme;
                    proxy_set_header X-Scheme $pass_access_scheme;
                    proxy_set_header X-Original-Forwarded-For $http_x_forwarded_for;
                    proxy_set_header Proxy "";
                    proxy_connect_timeout 5s;
                    proxy_send_timeout 60s;
                    proxy_read_timeout 60s;
                    proxy_buffering off;
                    proxy_buffer_size 4k;
                    proxy_buffers 4 4k;
                    proxy_request_buffering on;
                    proxy_http_version 1.1;
                    proxy_cookie_domain off;
                    proxy_cookie_path off;
                    proxy_next_upstream error timeout;
                    proxy_next_upstream_tries 3;
                    proxy_pass http://{{location.Upstream}};
                    proxy_redirect off;
                }

            """);
    }

    /// <summary>ingress-nginx's <c>buildAuthSignURL</c>: the return address in <c>rd</c> unless the URL already has one.</summary>
    private static string SigninUrl(string signin)
    {
        const string rd = "rd=$pass_access_scheme://$http_host$escaped_request_uri";
        var query = new Uri(signin, UriKind.Absolute).Query;
        if (query.Length <= 1)
        {
            return $"{signin.TrimEnd('?')}?{rd}";
        }

        return QueryHelpers.ParseQuery(query).ContainsKey("rd") ? signin : $"{signin}&{rd}";
    }

    /// <summary>ingress-nginx refuses annotation URLs with other characters (<c>URLWithNginxVariableRegex</c>).</summary>
    private static string ValidUrl(string url) =>
        NginxVariableUrl().IsMatch(url) ? url : throw new ArgumentException($"ingress-nginx refuses the annotation URL \"{url}\"");

    [GeneratedRegex(@"^[\-\._~a-zA-Z0-9/:, ,:?&=$]*$")]
    private static partial Regex NginxVariableUrl();

    [GeneratedRegex(@"^[a-zA-Z\d\-_]+$")]
    private static partial Regex HeaderName();

    private sealed record Location(RenderedIngress Ingress, string Path, string PathType, string Upstream, bool IsDefaultBackend);
}
