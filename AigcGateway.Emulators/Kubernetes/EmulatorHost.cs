using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// The emulator's listener: Kestrel on a loopback port that stays the same across outages. It knows its open
/// connections so a fault can reset them all at once (as a GOAWAY or a reset does to the multiplexed connection of a
/// real client), and it can stop listening (connections refused) and listen again on the same port.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly RequestDelegate _handler;
    private readonly ConcurrentDictionary<string, ConnectionContext> _connections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;
    private volatile bool _resetNew;
    private long _resetOnAccept;

    private EmulatorHost(RequestDelegate handler) => _handler = handler;

    /// <summary>The loopback port, chosen at the first start and kept afterwards.</summary>
    public int Port { get; private set; }

    public bool IsListening => Volatile.Read(ref _app) is not null;

    /// <summary>While set, every new connection is reset as soon as it is accepted.</summary>
    public bool ResetNewConnections
    {
        get => _resetNew;
        set => _resetNew = value;
    }

    /// <summary>Connections reset as soon as they were accepted (while <see cref="ResetNewConnections"/> was set).</summary>
    public long ResetOnAccept => Interlocked.Read(ref _resetOnAccept);

    public static async Task<EmulatorHost> StartAsync(RequestDelegate handler, CancellationToken cancellationToken)
    {
        var host = new EmulatorHost(handler);
        await host.ListenAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>Aborts every open connection (requests in flight and watch streams fail on the client).</summary>
    public int ResetOpenConnections()
    {
        var count = 0;
        foreach (var connection in _connections.Values)
        {
            connection.Abort(new ConnectionAbortedException("connection reset by the emulator's fault injection"));
            count++;
        }

        return count;
    }

    /// <summary>Closes the listening socket (new connections are refused) and resets the open ones.</summary>
    public async Task StopListeningAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_app is not { } app)
            {
                return;
            }

            Volatile.Write(ref _app, null);
            ResetOpenConnections();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            {
                await app.StopAsync(timeout.Token).ConfigureAwait(false);
            }

            await app.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Listens again on <see cref="Port"/> (the first call picks the port). Retries briefly if the port is still held.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is not null)
            {
                return;
            }

            for (var attempt = 1; ; attempt++)
            {
                var app = Build(Port);
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException) when (attempt < 20 && Port != 0)
                {
                    await app.DisposeAsync().ConfigureAwait(false);
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch
                {
                    await app.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                Port = new Uri(address).Port;
                Volatile.Write(ref _app, app);
                return;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopListeningAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KubernetesEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port, listen => listen.Use(Track));
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(_handler);
        return app;
    }

    private ConnectionDelegate Track(ConnectionDelegate next) => async connection =>
    {
        if (_resetNew)
        {
            Interlocked.Increment(ref _resetOnAccept);
            connection.Abort(new ConnectionAbortedException("connection reset by the emulator's fault injection"));
            return;
        }

        _connections[connection.ConnectionId] = connection;
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ConnectionAbortedException or IOException)
        {
            // a reset connection ends this way
        }
        finally
        {
            _connections.TryRemove(connection.ConnectionId, out _);
        }
    };
}
