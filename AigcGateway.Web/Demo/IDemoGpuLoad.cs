using AigcGateway.Core.Instances;

namespace AigcGateway.Web.Demo;

/// <summary>
/// Demo mode's "GPU busy" per instance: what the emulated cluster's Prometheus reports for the instance's pod (OKG names
/// the pod like its GameServer, <c>&lt;template&gt;-&lt;id&gt;</c>), so a person can watch a busy instance survive the idle
/// policy and an idle one pause.
/// </summary>
public interface IDemoGpuLoad
{
    bool IsGpuBusy(InstanceRef instance);

    void SetGpuBusy(InstanceRef instance, bool busy);
}
