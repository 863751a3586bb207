using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

internal static class TestTemplates
{
    public static readonly TemplateRef Ref = new("default", "sd-cpu");

    public static Template Template(TemplateNetwork? network = null) => new()
    {
        Ref = Ref,
        DisplayName = "Stable Diffusion",
        Resources = ResourceSummary.None,
        Network = network ?? new TemplateNetwork(TemplateNetwork.Ingress, [new("Host", "instances<id>.example.com")]),
    };
}
