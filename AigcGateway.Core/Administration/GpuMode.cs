namespace AigcGateway.Core.Administration;

/// <summary>How a template's instances use GPUs.</summary>
public enum GpuMode
{
    None,

    /// <summary>Whole GPUs (<c>nvidia.com/gpu</c>).</summary>
    Whole,

    /// <summary>A share of one GPU's memory in GiB (<c>aliyun.com/gpu-mem</c>).</summary>
    SharedMemory,
}
