using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace AigcGateway.Tests.Charts;

/// <summary>The objects of a <c>helm template</c> output, each parsed into dictionaries, lists and strings.</summary>
internal sealed class RenderedManifests
{
    private RenderedManifests(ImmutableArray<Manifest> objects) => Objects = objects;

    public ImmutableArray<Manifest> Objects { get; }

    public static RenderedManifests Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var objects = ImmutableArray.CreateBuilder<Manifest>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize<object?>(parser) is Dictionary<object, object> document)
            {
                objects.Add(new Manifest(document));
            }
        }

        return new RenderedManifests(objects.ToImmutable());
    }

    public IEnumerable<Manifest> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public Manifest Single(string kind) => OfKind(kind).ShouldHaveSingleItem($"exactly one {kind}");

    /// <summary>Every container and init container of every workload.</summary>
    public IEnumerable<Manifest> Containers() =>
        Objects.Where(o => o.Kind is "Deployment" or "StatefulSet")
            .SelectMany(o => o.List("spec.template.spec.containers").Concat(o.List("spec.template.spec.initContainers")));
}
