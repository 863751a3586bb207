namespace AigcGateway.Core.Instances;

/// <summary>The outcome of an instance operation: success with the instance it concerned, or an error code.</summary>
public sealed record OperationResult(OperationError? Error, InstanceRef? Instance, string? Detail = null)
{
    public bool Succeeded => Error is null;

    public static OperationResult Ok(InstanceRef instance) => new(null, instance);

    public static OperationResult Fail(OperationError error, InstanceRef? instance = null, string? detail = null) => new(error, instance, detail);
}
