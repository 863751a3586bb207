using System.Collections.Concurrent;
using AigcGateway.Core.Instances;

namespace AigcGateway.Web.Demo;

/// <summary>
/// The demo's GPU-busy switches, held here until the Kubernetes emulator's Prometheus (issue #13, Core side) reports
/// them: that change replaces this registration with an adapter onto the emulator's per-pod usage.
/// </summary>
internal sealed class DemoGpuLoadSwitches : IDemoGpuLoad
{
    private readonly ConcurrentDictionary<InstanceRef, bool> _busy = new();

    public bool IsGpuBusy(InstanceRef instance) => _busy.ContainsKey(instance);

    public void SetGpuBusy(InstanceRef instance, bool busy)
    {
        if (busy)
        {
            _busy[instance] = true;
        }
        else
        {
            _busy.TryRemove(instance, out _);
        }
    }
}
