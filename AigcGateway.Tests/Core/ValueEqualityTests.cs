using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using k8s;

namespace AigcGateway.Tests.Core;

public sealed class ValueEqualityTests
{
    [Fact]
    public void A_template_read_twice_from_the_same_object_is_equal()
    {
        var json = Fixture.Read("gameserverset-ingress-reserveids.json");

        var first = GameServerSetMapper.ToState(KubernetesJson.Deserialize<GameServerSet>(json), ConformanceRules.Unknown).Template;
        var second = GameServerSetMapper.ToState(KubernetesJson.Deserialize<GameServerSet>(json), ConformanceRules.Unknown).Template;

        first.ShouldBe(second);
        (first with { DataVolumeNames = ["other"] }).ShouldNotBe(second);
    }

    [Fact]
    public void Diagnostics_with_equal_raw_events_are_equal()
    {
        var ev = new EventObservation("Pod", "sd-0", "Warning", "BackOff", "restarting", null);

        new InstanceDiagnostic(DiagnosticReason.Crashing) { RawEvents = [ev] }.ShouldBe(new InstanceDiagnostic(DiagnosticReason.Crashing) { RawEvents = [ev] });
        new InstanceDiagnostic(DiagnosticReason.Crashing) { RawEvents = [ev] }.ShouldNotBe(new InstanceDiagnostic(DiagnosticReason.Crashing));
    }
}
