using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// A DNS server on a UDP port of 127.0.0.1 that resolves the given names to 127.0.0.1 and nothing else (NXDOMAIN).
/// ingress-nginx resolves the host of an <c>auth-url</c> that contains variables at request time with its
/// <c>resolver</c>; this gives the harness's nginx the same path to the dashboard's public host name.
/// </summary>
public sealed class LoopbackDns : IAsyncDisposable
{
    private readonly UdpClient _udp;
    private readonly HashSet<string> _names;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LoopbackDns(UdpClient udp, IEnumerable<string> names)
    {
        _udp = udp;
        _names = new HashSet<string>(names.Select(n => n.TrimEnd('.').ToLowerInvariant()), StringComparer.Ordinal);
        Port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The nginx <c>resolver</c> directive pointing at this server.</summary>
    public string ResolverDirective => $"resolver 127.0.0.1:{Port} ipv6=off valid=5s;";

    public static LoopbackDns Start(params IEnumerable<string> names) => new(new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)), names);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try
            {
                query = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (Answer(query.Buffer) is { } answer)
            {
                await _udp.SendAsync(answer, query.RemoteEndPoint, _stop.Token);
            }
        }
    }

    /// <summary>The reply to one query (RFC 1035 4.1): the question echoed, and an A record 127.0.0.1 for a known name.</summary>
    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || (query[4] << 8 | query[5]) != 1)
        {
            return null;
        }

        var name = new StringBuilder();
        var offset = 12;
        while (offset < query.Length && query[offset] != 0)
        {
            int length = query[offset];
            if (offset + 1 + length > query.Length)
            {
                return null;
            }

            name.Append(name.Length > 0 ? "." : "").Append(Encoding.ASCII.GetString(query, offset + 1, length));
            offset += 1 + length;
        }

        var questionEnd = offset + 5;
        if (questionEnd > query.Length)
        {
            return null;
        }

        var type = query[offset + 1] << 8 | query[offset + 2];
        var known = _names.Contains(name.ToString().ToLowerInvariant());
        var answers = known && type == 1 ? 1 : 0;
        var reply = new List<byte>(questionEnd + 16);
        reply.AddRange(query.AsSpan(0, 2).ToArray());
        reply.Add((byte)(0x80 | (query[2] & 0x01)));
        reply.Add((byte)(0x80 | (known ? 0 : 3)));
        reply.AddRange([0, 1, 0, (byte)answers, 0, 0, 0, 0]);
        reply.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        if (answers == 1)
        {
            reply.AddRange([0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 127, 0, 0, 1]);
        }

        return [.. reply];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
