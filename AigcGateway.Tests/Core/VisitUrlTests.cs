using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class VisitUrlTests
{
    private static readonly TemplateNetwork s_ingress = new(TemplateNetwork.Ingress, [new("Host", "i<id>.example.com"), new("Path", "/")]);

    private static GameServerObservation Gs(params NetworkAddress[] addresses) => new() { Id = 2, ExternalAddresses = [.. addresses] };

    [Fact]
    public void Ingress_url_is_the_endpoint_and_the_path()
    {
        var url = VisitUrl.Build(s_ingress, Gs(new NetworkAddress("", "i2.example.com", [new("/app", 7860)])), forceHttps: false);

        url.ShouldBe(new Uri("http://i2.example.com/app"));
    }

    [Fact]
    public void Tls_settings_make_the_url_https()
    {
        var network = s_ingress with { Settings = s_ingress.Settings.Add(new("TlsSecretName", "wildcard")) };

        VisitUrl.Build(network, Gs(new NetworkAddress("", "i2.example.com", [new("/", 80)])), false)!.Scheme.ShouldBe("https");
    }

    [Fact]
    public void The_gateway_can_ask_for_https()
    {
        VisitUrl.Build(s_ingress, Gs(new NetworkAddress("", "i2.example.com", [new("/", 80)])), true)!.Scheme.ShouldBe("https");
    }

    [Fact]
    public void The_template_path_with_the_id_is_used_when_the_status_has_no_path()
    {
        var network = new TemplateNetwork(TemplateNetwork.Ingress, [new("Path", "/sd/<id>")]);

        VisitUrl.Build(network, Gs(new NetworkAddress("", "gpu.example.com", [])), false).ShouldBe(new Uri("http://gpu.example.com/sd/2"));
    }

    [Fact]
    public void An_ingress_without_an_endpoint_has_no_url_yet()
    {
        VisitUrl.Build(s_ingress, Gs(), false).ShouldBeNull();
    }

    [Fact]
    public void Host_port_url_is_http_ip_and_port()
    {
        var network = new TemplateNetwork("Kubernetes-HostPort", []);

        VisitUrl.Build(network, Gs(new NetworkAddress("", null, []), new NetworkAddress("192.168.0.5", null, [new("web", 31000)])), true)
            .ShouldBe(new Uri("http://192.168.0.5:31000/"));
    }
}
