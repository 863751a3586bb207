using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Infrastructure.Ingress;

/// <summary>
/// Stand-ins for the instances' engines: one loopback port per instance Service (bound to port 0 and read back), so
/// that a response says which instance served it even when nginx forwards another host's Host header. Each answers a
/// JSON echo of what it received; the default backend answers 404 like ingress-nginx's.
/// </summary>
public sealed class InstanceBackends : IAsyncDisposable
{
    private const string DefaultName = "upstream-default-backend";

    private readonly WebApplication _app;
    private readonly Dictionary<string, int> _ports;

    private InstanceBackends(WebApplication app, Dictionary<string, int> ports)
    {
        _app = app;
        _ports = ports;
    }

    /// <summary>ingress-nginx's default backend: 404 for paths and hosts no Ingress serves.</summary>
    public string DefaultBackend => AddressOf(DefaultName);

    /// <summary>The address of the Service named <paramref name="name"/> (an instance: <c>&lt;gss&gt;-&lt;id&gt;</c>).</summary>
    public string AddressOf(string name) => $"127.0.0.1:{_ports[name]}";

    public static async Task<InstanceBackends> StartAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        List<string> all = [DefaultName, .. names.Distinct(StringComparer.Ordinal)];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var _ in all)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        var byPort = new Dictionary<int, string>();
        app.Run(async context =>
        {
            var name = byPort[context.Connection.LocalPort];
            if (name == DefaultName)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var request = context.Request;
            var echo = new JsonObject
            {
                ["instance"] = name,
                ["host"] = request.Host.Value,
                ["path"] = request.Path.Value + request.QueryString.Value,
                ["user"] = request.Headers["X-Auth-Request-User"].ToString(),
                ["email"] = request.Headers["X-Auth-Request-Email"].ToString(),
                ["cookie"] = request.Headers.Cookie.ToString(),
            };
            await context.Response.WriteAsJsonAsync(echo, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);

        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port)
            .ToList();
        if (ports.Count != all.Count)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"expected {all.Count} listening ports, Kestrel reports {ports.Count}");
        }

        foreach (var (name, port) in all.Zip(ports))
        {
            byPort[port] = name;
        }

        return new InstanceBackends(app, all.Zip(ports).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
