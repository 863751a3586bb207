using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>One open watch: its filter and the queue of encoded event lines waiting to be written.</summary>
internal sealed class Watcher(ResourceType type, string? ns, Selector? labels, Selector? fields)
{
    private readonly Channel<byte[]> _lines = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public ResourceType Type { get; } = type;

    public string? Namespace { get; } = ns;

    public ChannelReader<byte[]> Lines => _lines.Reader;

    public bool Matches(ResourceType type, string objectNamespace, JsonObject obj) =>
        type == Type && (Namespace is null || Namespace == objectNamespace)
        && (labels?.Matches(obj) ?? true) && (fields?.Matches(obj) ?? true);

    public void Post(string eventType, byte[] json) => _lines.Writer.TryWrite(ObjectStore.Line(eventType, json));

    public void PostLine(byte[] line) => _lines.Writer.TryWrite(line);

    public void Close() => _lines.Writer.TryComplete();
}
