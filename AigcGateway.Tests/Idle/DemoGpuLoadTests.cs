using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Emulators.Kubernetes;
using AigcGateway.Web.Demo;

namespace AigcGateway.Tests.Idle;

/// <summary>The demo page's "GPU busy" switch is what the emulated Prometheus reports for the instance's pod.</summary>
public sealed class DemoGpuLoadTests
{
    [Fact]
    public void The_switch_marks_the_instances_pod_busy_in_the_emulated_prometheus_and_back()
    {
        var usage = new PodUsage();
        var load = new EmulatorGpuLoad(usage);
        var instance = new InstanceRef(new TemplateRef("aigc", "sd-gpu"), 3);

        load.SetGpuBusy(instance, busy: true);

        usage.IsGpuBusy("aigc", "sd-gpu-3").ShouldBeTrue();
        usage.GpuPercent("aigc", "sd-gpu-3").ShouldBeGreaterThan(usage.GpuPercent("aigc", "sd-gpu-4"));
        load.IsGpuBusy(instance).ShouldBeTrue();
        load.IsGpuBusy(instance with { Id = 4 }).ShouldBeFalse();

        load.SetGpuBusy(instance, busy: false);

        usage.IsGpuBusy("aigc", "sd-gpu-3").ShouldBeFalse();
        load.IsGpuBusy(instance).ShouldBeFalse();
    }
}
