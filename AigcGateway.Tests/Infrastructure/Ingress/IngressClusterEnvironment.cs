using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Emulators.Kubernetes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AigcGateway.Tests.Infrastructure.Ingress;

/// <summary>
/// The production shape as ingress-nginx really renders it: the gateway behind nginx at
/// <c>http://dashboard.aigc.test:&lt;port&gt;</c> (the host resolved to loopback by <see cref="LoopbackDns"/>, the way
/// DNS would), templates created in the emulated cluster as an administrator writes them, and, for the instances a test
/// names, the Ingresses OKG would create from those templates (<see cref="OkgIngressBuilder"/>) rendered as
/// ingress-nginx does (<see cref="IngressNginxConfig"/>), each Service answered by its own backend
/// (<see cref="InstanceBackends"/>).
/// </summary>
public sealed class IngressClusterEnvironment : IAsyncDisposable
{
    public const string Namespace = "aigc";
    public const string Domain = "aigc.test";
    public const string DashboardHost = "dashboard." + Domain;

    private readonly PortReservation _port;
    private readonly LoopbackDns _dns;
    private readonly HttpClient _cluster;
    private InstanceBackends? _backends;
    private NginxIngress? _nginx;

    private IngressClusterEnvironment(PortReservation port, LoopbackDns dns, KestrelGatewayAppFactory gateway)
    {
        _port = port;
        _dns = dns;
        Gateway = gateway;
        _cluster = new HttpClient { BaseAddress = gateway.Kubernetes.BaseAddress };
    }

    public KestrelGatewayAppFactory Gateway { get; }

    /// <summary>The port nginx listens on (also the port of the dashboard's public URL).</summary>
    public int Port => _port.Port;

    /// <summary>The dashboard's public URL, e.g. <c>http://dashboard.aigc.test:41234</c> (what templates point their annotations at).</summary>
    public string PublicUrl => $"http://{DashboardHost}:{Port}";

    public NginxIngress Nginx => _nginx ?? throw new InvalidOperationException("call PublishAsync first");

    public static async Task<IngressClusterEnvironment> StartAsync()
    {
        var port = PortReservation.Loopback();
        var dns = LoopbackDns.Start(DashboardHost);
        var dashboard = new Uri($"http://{DashboardHost}:{port.Port}");
        var gateway = new KestrelGatewayAppFactory(dashboard, "." + Domain, KubernetesEmulatorOptions.ForTests with { DashboardUrl = dashboard });
        gateway.Start();
        await gateway.Services.GetRequiredService<IInstanceService>().WaitForReadyAsync();
        return new IngressClusterEnvironment(port, dns, gateway);
    }

    /// <summary>Creates a GameServerSet in the cluster, as <c>kubectl apply</c> would, and waits until the gateway's cache has it.</summary>
    public async Task CreateTemplateAsync(JsonObject gameServerSet)
    {
        ArgumentNullException.ThrowIfNull(gameServerSet);
        using var response = await _cluster.PostAsJsonAsync(
            $"/apis/game.kruise.io/v1alpha1/namespaces/{Namespace}/gameserversets", gameServerSet, Xunit.TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var template = new TemplateRef(Namespace, gameServerSet["metadata"]!["name"]!.GetValue<string>());
        var listed = await Gateway.Services.GetRequiredService<SnapshotHub>().WaitForAsync(
            s => s.Templates.ContainsKey(template), TimeSpan.FromSeconds(20), TimeProvider.System, Xunit.TestContext.Current.CancellationToken);
        listed.ShouldBeTrue($"the gateway did not list {template}");
    }

    /// <summary>Waits (on the gateway's snapshot) until the GameServer of the instance has published its network address.</summary>
    public async Task WaitUntilPublishedAsync(string template, int id)
    {
        var hub = Gateway.Services.GetRequiredService<SnapshotHub>();
        var instance = new InstanceRef(new TemplateRef(Namespace, template), id);
        var published = await hub.WaitForAsync(
            s => s.GameServer(instance)?.ExternalAddresses.Any(a => !string.IsNullOrEmpty(a.EndPoint)) == true,
            TimeSpan.FromSeconds(20),
            TimeProvider.System,
            Xunit.TestContext.Current.CancellationToken);
        published.ShouldBeTrue($"{instance} did not publish its address");
    }

    /// <summary>
    /// Starts nginx with the Ingresses OKG creates for these instances (running ones: a paused instance has no pod, so
    /// no Ingress), read from the templates as they are stored in the cluster.
    /// </summary>
    public async Task PublishAsync(params (string Template, int[] Ids)[] instances)
    {
        var ingresses = new List<RenderedIngress>();
        foreach (var (template, ids) in instances)
        {
            var gss = await _cluster.GetFromJsonAsync<JsonObject>(
                $"/apis/game.kruise.io/v1alpha1/namespaces/{Namespace}/gameserversets/{template}", Xunit.TestContext.Current.CancellationToken);
            ingresses.AddRange(ids.Select(id => OkgIngressBuilder.Build(gss!, id)));
        }

        _backends = await InstanceBackends.StartAsync(ingresses.Select(i => i.Name), Xunit.TestContext.Current.CancellationToken);
        _nginx = await NginxIngress.StartAsync(
            DashboardHost,
            Gateway.Address,
            ingresses,
            (ingress, _) => _backends.AddressOf(ingress.Name),
            _backends.DefaultBackend,
            _dns,
            _port,
            Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>A valid instance-access cookie header value for the user, protected with the gateway's keys.</summary>
    public string AccessCookie(string userId) =>
        $"{InstanceAccessCookie.Name}=" + new InstanceAccessCookie(
                Gateway.Services.GetRequiredService<IDataProtectionProvider>(),
                TimeProvider.System,
                Gateway.Services.GetRequiredService<IOptions<GatewayOptions>>())
            .Protect(userId, userId + "@example.com");

    /// <summary>Sends one request to nginx exactly as written (e.g. an absolute-form request line).</summary>
    public Task<RawHttpResponse> SendAsync(string requestLine, params IEnumerable<string> headers) =>
        RawHttpResponse.SendAsync(Port, requestLine, headers);

    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        if (_backends is not null)
        {
            await _backends.DisposeAsync();
        }

        _port.Dispose();
        await _dns.DisposeAsync();
        _cluster.Dispose();
        await Gateway.DisposeAsync();
    }
}
