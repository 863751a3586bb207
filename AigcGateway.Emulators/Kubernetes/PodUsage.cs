using System.Collections.Concurrent;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// What the emulator's Prometheus reports for its running pods: an idle pod by default (GPU 0 %, CPU 0.01 cores), a busy one
/// (GPU 90 %, CPU 1.5 cores) once a test or the demo control sets it busy. Keyed by namespace and pod name (OKG names an
/// instance's pod like its GameServer, so the demo's "GPU busy" per instance is the pod's).
/// </summary>
public sealed class PodUsage
{
    public const double IdleGpuPercent = 0;
    public const double IdleCpuCores = 0.01;
    public const double BusyGpuPercent = 90;
    public const double BusyCpuCores = 1.5;

    private readonly ConcurrentDictionary<(string Namespace, string Pod), bool> _busy = new();

    /// <summary>Raised when a value changes (the demo page re-renders).</summary>
    public event Action? Changed;

    public void SetGpuBusy(string @namespace, string pod, bool busy)
    {
        if (busy)
        {
            _busy[(@namespace, pod)] = true;
        }
        else
        {
            _busy.TryRemove((@namespace, pod), out _);
        }

        Changed?.Invoke();
    }

    public bool IsGpuBusy(string @namespace, string pod) => _busy.ContainsKey((@namespace, pod));

    /// <summary>GPU utilisation in percent of a running pod.</summary>
    public double GpuPercent(string @namespace, string pod) => IsGpuBusy(@namespace, pod) ? BusyGpuPercent : IdleGpuPercent;

    /// <summary>CPU use in cores of a running pod (the rate of <c>container_cpu_usage_seconds_total</c>).</summary>
    public double CpuCores(string @namespace, string pod) => IsGpuBusy(@namespace, pod) ? BusyCpuCores : IdleCpuCores;
}
