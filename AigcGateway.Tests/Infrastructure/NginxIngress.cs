using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// A real nginx on a loopback port, configured the way ingress-nginx implements the <c>auth-url</c> and
/// <c>auth-signin</c> annotations: every request to an instance host makes an <c>auth_request</c> subrequest to the
/// gateway's <c>/auth</c> with <c>X-Original-URL</c>; a 401 becomes a redirect to <c>/sign-in?rd=&lt;original URL&gt;</c>.
/// The dashboard host is proxied to the gateway. Two shapes: one regex server for every instance host, proxied to one
/// backend; or one server per Ingress host as ingress-nginx renders the Ingresses OKG creates.
/// </summary>
public sealed class NginxIngress : IAsyncDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _directory;

    private NginxIngress(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    /// <summary>
    /// The first shape: one regex server for every instance host below <paramref name="instanceDomain"/>, all proxied
    /// to <paramref name="instanceBackend"/> behind <c>auth-url</c> / <c>auth-signin</c>.
    /// </summary>
    /// <param name="dashboardHost">e.g. dashboard.aigc.test</param>
    /// <param name="gateway">the gateway's real address (Kestrel)</param>
    /// <param name="instanceDomain">e.g. aigc.test: every other host below it is an instance host</param>
    /// <param name="instanceBackend">where instance hosts are proxied after a 200 from /auth</param>
    /// <param name="port">the port nginx listens on, held until nginx owns it (default: a new reservation)</param>
    public static Task<NginxIngress> StartAsync(
        string dashboardHost, Uri gateway, string instanceDomain, Uri instanceBackend, CancellationToken cancellationToken, PortReservation? port = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(instanceBackend);
        port ??= PortReservation.Loopback();
        var listen = $"127.0.0.1:{port.Port}";
        var upstreamInstances = $"{instanceBackend.Host}:{instanceBackend.Port}";
        var servers = $$"""
                # Instance hosts, as ingress-nginx renders an Ingress with auth-url and auth-signin.
                server {
                    listen {{listen}} default_server reuseport;
                    server_name ~^(?<instance>.+)\.{{instanceDomain.Replace(".", "\\.", StringComparison.Ordinal)}}$;

                    location = /_external-auth {
                        internal;
                        proxy_pass_request_body off;
                        proxy_set_header Content-Length "";
                        proxy_set_header X-Forwarded-Proto "";
                        proxy_set_header Host {{dashboardHost}};
                        proxy_set_header X-Original-URL $scheme://$http_host$request_uri;
                        proxy_set_header X-Original-Method $request_method;
                        proxy_set_header X-Sent-From "nginx-ingress-controller";
                        proxy_set_header X-Real-IP $remote_addr;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Auth-Request-Redirect $request_uri;
                        proxy_http_version 1.1;
                        proxy_pass http://{{gateway.Host}}:{{gateway.Port}}/auth;
                    }

                    location @auth_signin {
                        set_escape_uri $escaped_request_uri $request_uri;
                        return 302 http://{{dashboardHost}}:{{port.Port}}/sign-in?rd=$scheme://$http_host$escaped_request_uri;
                    }

                    location / {
                        auth_request /_external-auth;
                        # the demo templates' auth-response-headers: X-Auth-Request-User,X-Auth-Request-Email,Cookie
                        auth_request_set $auth_user $upstream_http_x_auth_request_user;
                        auth_request_set $auth_email $upstream_http_x_auth_request_email;
                        auth_request_set $auth_cookies $upstream_http_cookie;
                        # ingress-nginx hands /auth's (first) Set-Cookie to the browser on success: access-cookie renewal
                        auth_request_set $auth_cookie $upstream_http_set_cookie;
                        add_header Set-Cookie $auth_cookie;
                        error_page 401 = @auth_signin;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Auth-Request-User $auth_user;
                        proxy_set_header X-Auth-Request-Email $auth_email;
                        proxy_set_header Cookie $auth_cookies;
                        proxy_pass http://{{upstreamInstances}};
                    }
                }
            """;
        return LaunchAsync(port, dashboardHost, gateway, resolver: "", servers, cancellationToken);
    }

    /// <summary>
    /// The second shape, as ingress-nginx renders Ingresses (<see cref="Ingress.IngressNginxConfig"/>): one server per
    /// Ingress host, a location per path with its own auth location, the auth-url resolved through <paramref name="dns"/>.
    /// A catch-all default server answers 404.
    /// </summary>
    /// <param name="dashboardHost">the dashboard host, proxied to <paramref name="gateway"/> (the gateway's own Ingress)</param>
    /// <param name="backendOf">where the Service behind an Ingress path listens, e.g. <c>127.0.0.1:40001</c></param>
    /// <param name="defaultBackend">ingress-nginx's default backend (answers 404)</param>
    public static Task<NginxIngress> StartAsync(
        string dashboardHost,
        Uri gateway,
        IReadOnlyList<Ingress.RenderedIngress> ingresses,
        Func<Ingress.RenderedIngress, Ingress.RenderedIngressPath, string> backendOf,
        string defaultBackend,
        LoopbackDns dns,
        PortReservation port,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(port);
        var listen = $"127.0.0.1:{port.Port}";
        var servers = Ingress.IngressNginxConfig.Render(listen, ingresses, backendOf, defaultBackend) + $$"""
                # backend for requests to hosts no Ingress declares
                server {
                    listen {{listen}} default_server reuseport;
                    location / { return 404; }
                }
            """;
        return LaunchAsync(port, dashboardHost, gateway, dns.ResolverDirective, servers, cancellationToken);
    }

    private static async Task<NginxIngress> LaunchAsync(
        PortReservation port, string dashboardHost, Uri gateway, string resolver, string servers, CancellationToken cancellationToken)
    {
        if (!File.Exists(NginxPath) || !File.Exists("/usr/lib/nginx/modules/ngx_http_set_misc_module.so"))
        {
            throw new InvalidOperationException(
                $"{NginxPath} or its set-misc module is missing. Install them with: sudo apt-get install -y nginx libnginx-mod-http-set-misc (./test.sh does this as root).");
        }

        var directory = Directory.CreateTempSubdirectory("aigc-nginx-").FullName;
        var user = Environment.UserName == "root" ? "user root;" : "";
        var config = $$"""
            {{user}}
            load_module /usr/lib/nginx/modules/ndk_http_module.so;
            load_module /usr/lib/nginx/modules/ngx_http_set_misc_module.so;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                server_names_hash_bucket_size 128;
                proxy_headers_hash_max_size 512;
                proxy_headers_hash_bucket_size 64;
                {{resolver}}
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                map $http_x_request_id $req_id { default $http_x_request_id; "" $request_id; }

                # The dashboard: the gateway itself (Blazor needs WebSockets).
                server {
                    listen 127.0.0.1:{{port.Port}};
                    server_name {{dashboardHost}};
                    location / {
                        proxy_pass http://{{gateway.Host}}:{{gateway.Port}};
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }

            {{servers}}
            }
            """;
        var configPath = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config, cancellationToken);

        var process = Process.Start(new ProcessStartInfo(NginxPath)
        {
            ArgumentList = { "-p", directory, "-c", configPath, "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start");

        var ingress = new NginxIngress(process, directory, port.Port);
        try
        {
            await ingress.WaitUntilListeningAsync(cancellationToken);
        }
        catch
        {
            await ingress.DisposeAsync();
            throw;
        }
        finally
        {
            // nginx owns the port now (or failed): the reservation has done its job.
            port.Dispose();
        }

        return ingress;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {ErrorLog}{await _process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new TimeoutException($"nginx did not listen on {Port} within 10 s: {ErrorLog}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // nginx may still be releasing its temp files; the OS cleans the temp folder.
        }
    }
}
