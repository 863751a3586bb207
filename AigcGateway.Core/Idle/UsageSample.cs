namespace AigcGateway.Core.Idle;

/// <summary>
/// One measurement of an instance's pod (Prometheus): GPU utilisation in percent (DCGM, the highest of its GPUs) and CPU in
/// cores (the rate of cAdvisor's <c>container_cpu_usage_seconds_total</c>); null where the source had no value.
/// </summary>
public sealed record UsageSample(DateTimeOffset At, double? GpuPercent, double? CpuCores)
{
    /// <summary>
    /// Busy: the GPU above <paramref name="busyPercent"/>, or the CPU above the same share of one core (so a long CPU-only
    /// job counts too). A sample without values is not busy, but it is not idle evidence either (see <see cref="HasData"/>).
    /// </summary>
    public bool IsBusy(double busyPercent) =>
        GpuPercent > busyPercent || CpuCores * 100 > busyPercent;

    /// <summary>The source answered with at least one value.</summary>
    public bool HasData => GpuPercent is not null || CpuCores is not null;
}
