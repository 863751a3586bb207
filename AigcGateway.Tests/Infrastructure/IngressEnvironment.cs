using System.Net;
using AigcGateway.Web.Demo.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// The production shape on one machine: a real nginx configured as ingress-nginx renders the instances' auth-url /
/// auth-signin annotations, the gateway behind it at <c>http://dashboard.aigc.test:&lt;port&gt;</c>, the demo
/// templates publishing instances at <c>http://&lt;gss&gt;-&lt;id&gt;.aigc.test:&lt;port&gt;</c>, and an instance
/// backend standing in for the engines. Chromium resolves <c>*.aigc.test</c> to loopback (BrowserFixture).
/// </summary>
public sealed class IngressEnvironment : IAsyncDisposable
{
    public const string Domain = "aigc.test";
    public const string DashboardHost = "dashboard." + Domain;

    private readonly WebApplication _backend;

    private IngressEnvironment(KestrelGatewayAppFactory gateway, NginxIngress nginx, WebApplication backend)
    {
        Gateway = gateway;
        Nginx = nginx;
        _backend = backend;
    }

    public KestrelGatewayAppFactory Gateway { get; }

    public NginxIngress Nginx { get; }

    public Uri Dashboard => new($"http://{DashboardHost}:{Nginx.Port}/");

    /// <summary>The address of an instance of a demo template, e.g. <c>InstanceUrl("sd-cpu", 0)</c>.</summary>
    public Uri InstanceUrl(string template, int id) => new($"http://{template}-{id}.{Domain}:{Nginx.Port}/");

    public static async Task<IngressEnvironment> StartAsync(KubernetesEmulatorOptions? kubernetes = null, CancellationToken cancellationToken = default)
    {
        var nginxPort = PortReservation.Loopback();
        var dashboard = new Uri($"http://{DashboardHost}:{nginxPort.Port}");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var backend = builder.Build();
        backend.MapGet("/{**path}", (HttpRequest request) => Results.Content(
            $"""
            <!DOCTYPE html><html><head><title>Instance {WebUtility.HtmlEncode(request.Host.Host)}</title></head>
            <body><h1 class="instance-page">Instance {WebUtility.HtmlEncode(request.Host.Host)}</h1>
            <p class="instance-user">{WebUtility.HtmlEncode(request.Headers["X-Auth-Request-User"].ToString())}</p>
            <p class="instance-cookies">{WebUtility.HtmlEncode(string.Join(",", request.Cookies.Keys))}</p></body></html>
            """,
            "text/html"));
        await backend.StartAsync(cancellationToken);

        var options = (kubernetes ?? KubernetesEmulatorOptions.ForTests) with
        {
            SeedDemo = true,
            DashboardUrl = dashboard,
            DemoHostSuffix = Domain,
            DemoInstancePort = nginxPort.Port,
            DemoInstancesOnDashboardHost = false,
        };
        var gateway = new KestrelGatewayAppFactory(dashboard, "." + Domain, options);
        gateway.Start();
        var nginx = await NginxIngress.StartAsync(DashboardHost, gateway.Address, Domain, new Uri(backend.Urls.First()), cancellationToken, nginxPort);
        return new IngressEnvironment(gateway, nginx, backend);
    }

    public async ValueTask DisposeAsync()
    {
        await Nginx.DisposeAsync();
        await Gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
