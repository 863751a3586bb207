using System.Net;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Emulators.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Signs <paramref name="username"/> in on a new page of <paramref name="context"/> and waits for their dashboard, interactive and ready.</summary>
    public async Task<Microsoft.Playwright.IPage> SignInToDashboardAsync(Microsoft.Playwright.IBrowserContext context, string username)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Dashboard, "/sign-in").ToString(), new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await page.ChooseLogtoUserAsync(Gateway.Logto.EndpointText, username);
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(Dashboard.ToString(), new() { Timeout = 20_000 });
        await page.WaitForCircuitAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".dashboard[data-ready='true']")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Installs an instance of a demo template for <paramref name="userId"/>, waits until it runs, and returns its address.</summary>
    public async Task<Uri> InstallRunningAsync(string userId, string template = "sd-cpu")
    {
        var instances = Gateway.Services.GetRequiredService<IInstanceService>();
        await instances.WaitForReadyAsync();
        var reference = new TemplateRef("aigc", template);
        var installed = await instances.InstallAsync(userId, reference, Xunit.TestContext.Current.CancellationToken);
        installed.Succeeded.ShouldBeTrue(installed.Error.ToString());
        await instances.WaitForStateAsync(userId, reference, InstanceState.Running);
        return InstanceUrl(template, installed.Instance!.Id);
    }

    /// <summary>
    /// An HTTP client that reaches every <c>*.aigc.test</c> host through this nginx (as Chromium does with its host
    /// resolver rule), following no redirects and keeping no cookies: tests send exactly the cookies they mean to.
    /// </summary>
    public HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, Nginx.Port, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler);
    }

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
