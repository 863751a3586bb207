using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AigcGateway.Tests.Infrastructure.Ingress;

/// <summary>An HTTP/1.1 response read off a socket (status, headers, body with chunked encoding undone).</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    /// <summary>The body as JSON when an instance backend answered (its echo), else null.</summary>
    public JsonObject? Echo => Status == 200 && Body.StartsWith('{') ? JsonNode.Parse(Body)?.AsObject() : null;

    /// <summary>Which instance's engine answered, or null when none did.</summary>
    public string? ServedBy => Echo?["instance"]?.GetValue<string>();

    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>Sends one request to 127.0.0.1:<paramref name="port"/> exactly as written (e.g. an absolute-form request line) and reads the whole answer.</summary>
    public static async Task<RawHttpResponse> SendAsync(int port, string requestLine, params IEnumerable<string> headers)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, ct);
        var stream = client.GetStream();
        var request = new StringBuilder(requestLine).Append("\r\n");
        foreach (var header in headers.Append("Connection: close"))
        {
            request.Append(header).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.Append("\r\n").ToString()), ct);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return Parse(await reader.ReadToEndAsync(ct));
    }

    public static RawHttpResponse Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var headEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            throw new FormatException($"not an HTTP response: {raw}");
        }

        var lines = raw[..headEnd].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => KeyValuePair.Create(p[0].Trim(), p.Length > 1 ? p[1].Trim() : ""))
            .ToList();
        var body = raw[(headEnd + 4)..];
        if (headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Unchunk(body);
        }

        return new RawHttpResponse(status, headers, body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = int.Parse(body[position..lineEnd].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }
}
