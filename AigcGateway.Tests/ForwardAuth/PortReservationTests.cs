using System.Net;
using System.Net.Sockets;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>Issue #25: a port chosen for nginx or Kestrel stays theirs until they listen on it.</summary>
public sealed class PortReservationTests
{
    [Fact]
    public void No_other_listener_can_bind_a_reserved_port()
    {
        using var reservation = PortReservation.Loopback();
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var refused = Should.Throw<SocketException>(() => other.Bind(new IPEndPoint(IPAddress.Loopback, reservation.Port)));

        refused.SocketErrorCode.ShouldBe(SocketError.AddressAlreadyInUse);
    }

    [Fact]
    public void A_server_that_takes_the_socket_listens_on_the_reserved_port()
    {
        using var reservation = PortReservation.Loopback();
        using var listener = reservation.TakeSocket();
        listener.Listen();

        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, reservation.Port);

        client.Connected.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(reservation.TakeSocket);
    }

    [Fact]
    public void A_port_for_another_process_lies_below_the_ephemeral_range_that_bind_0_draws_from()
    {
        var low = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 20).Select(_ => PortReservation.ForChildProcess()).ToList();

        ports.ShouldAllBe(p => p < low);
        ports.ShouldBeUnique();
    }
}
