using AigcGateway.Core.Instances;
using AigcGateway.Emulators.Kubernetes;

namespace AigcGateway.Web.Demo;

/// <summary>
/// The demo's GPU-busy switches, kept by the emulated cluster's Prometheus (<see cref="PodUsage"/>) for the instance's
/// pod, which OKG names like its GameServer: <c>&lt;template&gt;-&lt;id&gt;</c>.
/// </summary>
internal sealed class EmulatorGpuLoad(PodUsage usage) : IDemoGpuLoad
{
    public bool IsGpuBusy(InstanceRef instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return usage.IsGpuBusy(instance.Template.Namespace, PodOf(instance));
    }

    public void SetGpuBusy(InstanceRef instance, bool busy)
    {
        ArgumentNullException.ThrowIfNull(instance);
        usage.SetGpuBusy(instance.Template.Namespace, PodOf(instance), busy);
    }

    private static string PodOf(InstanceRef instance) =>
        $"{instance.Template.Name}-{instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
