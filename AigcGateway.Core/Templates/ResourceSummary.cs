namespace AigcGateway.Core.Templates;

/// <summary>
/// What one instance of a template gets, read from the pod template's container limits (summed over containers)
/// and the first volume claim template. Quantities keep their Kubernetes spelling (e.g. <c>8Gi</c>, <c>500m</c>).
/// </summary>
public sealed record ResourceSummary(
    int? GpuCount,
    int? GpuMemoryGiB,
    string? Cpu,
    string? Memory,
    string? DataVolumeSize)
{
    public static ResourceSummary None { get; } = new(null, null, null, null, null);

    public bool UsesGpu => GpuCount > 0 || GpuMemoryGiB > 0;
}
