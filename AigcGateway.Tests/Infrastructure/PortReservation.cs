using System.Net;
using System.Net.Sockets;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// A loopback port held until its server owns it (issue #25: picking a free port and releasing it let the Logto
/// emulator or the instance backend, which bind port 0, be given the same port before nginx or Kestrel bound it).
/// The port is kept by a bound, not listening, socket with <c>SO_REUSEPORT</c> and without <c>SO_REUSEADDR</c>: while
/// it is held the kernel hands it to no <c>bind(0)</c> and no outgoing connection in any process, and only a socket
/// that also sets <c>SO_REUSEPORT</c> (nginx's <c>listen ... reuseport</c>, as ingress-nginx renders it) can bind it
/// too. Kestrel takes the socket itself (<see cref="TakeSocket"/>).
/// </summary>
public sealed class PortReservation : IDisposable
{
    /// <summary>Linux's SOL_SOCKET and SO_REUSEPORT (System.Net.Sockets has no name for the option).</summary>
    private const int SolSocket = 1;
    private const int ReusePort = 15;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly HashSet<int> HandedOut = [];

    private Socket? _socket;

    private PortReservation(Socket socket)
    {
        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>Reserves a port of 127.0.0.1 that no one else uses now.</summary>
    public static PortReservation Loopback()
    {
        // ProtocolType.IP (the stream default, TCP): .NET sets SO_REUSEADDR when binding a socket created as
        // ProtocolType.Tcp, and a bound, not listening SO_REUSEADDR socket lets every other SO_REUSEADDR socket (all of
        // .NET's, nginx's) bind the same port.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.IP);
        try
        {
            socket.SetRawSocketOption(SolSocket, ReusePort, BitConverter.GetBytes(1));
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return new PortReservation(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A free loopback port for a server in another process, which cannot take over a reservation: chosen below the
    /// kernel's ephemeral range (<c>net.ipv4.ip_local_port_range</c>), so no <c>bind(0)</c> (the emulators and backends
    /// that process starts before its own server binds) and no outgoing connection can be given it; never the same
    /// port twice in this test run.
    /// </summary>
    public static int ForChildProcess()
    {
        var range = File.Exists(EphemeralRangeFile) ? File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        var low = range.Length > 0 && int.TryParse(range[0], System.Globalization.CultureInfo.InvariantCulture, out var first) ? first : 32768;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(10_000, Math.Max(10_001, low));
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }

            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // in use by someone else: try another
            }
        }

        throw new InvalidOperationException("no free loopback port below the ephemeral range");
    }

    /// <summary>The bound socket, for a server that listens on it (Kestrel's <c>CreateBoundListenSocket</c>); the reservation ends.</summary>
    public Socket TakeSocket() =>
        Interlocked.Exchange(ref _socket, null) ?? throw new InvalidOperationException($"port {Port} was already handed over");

    /// <summary>Ends the reservation (call once the server listens on the port).</summary>
    public void Dispose() => Interlocked.Exchange(ref _socket, null)?.Dispose();
}
