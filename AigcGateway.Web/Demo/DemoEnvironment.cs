using AigcGateway.Web.Demo.Logto;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AigcGateway.Web.Demo;

/// <summary>
/// Demo mode: the emulators on loopback ports, and the configuration that points the real adapters at them. Nothing
/// else in the gateway knows it runs against emulators.
/// </summary>
public sealed partial class DemoEnvironment : IAsyncDisposable
{
    private DemoEnvironment(LogtoEmulator logto) => Logto = logto;

    public LogtoEmulator Logto { get; }

    /// <summary>
    /// Starts the emulators, adds their addresses and credentials to the gateway's configuration, and registers the
    /// gateway with them once it listens.
    /// </summary>
    public static async Task<DemoEnvironment> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logto = await LogtoEmulator.StartAsync(new LogtoEmulatorOptions(), cancellationToken);
        ((IConfigurationBuilder)app.Configuration).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logto:Endpoint"] = logto.EndpointText,
            ["Logto:AppId"] = LogtoWebApplication.DemoClientId,
            ["Logto:AppSecret"] = LogtoWebApplication.DemoClientSecret,
            ["Logto:M2MId"] = LogtoM2mApplication.DemoClientId,
            ["Logto:M2MSecret"] = LogtoM2mApplication.DemoClientSecret,
        });
        var demo = new DemoEnvironment(logto);
        demo.Attach(app);
        return demo;
    }

    /// <summary>
    /// Once the gateway listens, registers its addresses with the Logto emulator (redirect URI
    /// <c>&lt;address&gt;/sign-in-callback</c>, post sign-out URI <c>&lt;address&gt;/</c>), as an operator does in the
    /// Logto console, and says on the console that this is demo mode.
    /// </summary>
    private void Attach(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var origins = new List<string>();
            if (app.Configuration["Gateway:PublicUrl"] is { Length: > 0 } publicUrl && Uri.TryCreate(publicUrl, UriKind.Absolute, out var publicUri))
            {
                origins.Add(publicUri.GetLeftPart(UriPartial.Authority));
            }

            foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                if (Uri.TryCreate(address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
                {
                    origins.Add(uri.GetLeftPart(UriPartial.Authority));
                    if (uri.IsLoopback)
                    {
                        origins.Add($"{uri.Scheme}://localhost:{uri.Port}");
                        origins.Add($"{uri.Scheme}://127.0.0.1:{uri.Port}");
                    }
                }
            }

            RegisterOrigins(origins);
            LogDemoMode(app.Logger, Logto.EndpointText);
        });
    }

    /// <summary>Registers the gateway's redirect and post sign-out URIs for these origins (e.g. http://dashboard.aigc.test:8080).</summary>
    public void RegisterOrigins(IEnumerable<string> origins)
    {
        var distinct = origins.Select(o => o.TrimEnd('/')).Distinct(StringComparer.Ordinal).ToList();
        Logto.RegisterWebApplication(LogtoWebApplication.Demo with
        {
            RedirectUris = [.. distinct.Select(o => o + "/sign-in-callback")],
            PostLogoutRedirectUris = [.. distinct.Select(o => o + "/")],
        });
    }

    public ValueTask DisposeAsync() => Logto.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: sign-in and the cluster are simulated on this machine (Logto emulator at {LogtoEndpoint}). Sign in as alice, bob or admin. Configure Logto:Endpoint to use a real Logto.")]
    private static partial void LogDemoMode(ILogger logger, string logtoEndpoint);
}
