namespace AigcGateway.Core.Idle;

/// <summary>Why a requested postponement of the idle pause is not valid.</summary>
public enum KeepRunningRefusal
{
    /// <summary>The template never pauses instances automatically: nothing to postpone.</summary>
    NotGoverned,

    /// <summary>Zero or negative.</summary>
    NotPositive,

    /// <summary>Longer than the template's <c>aigc-gateway.io/max-keep-running</c>.</summary>
    TooLong,
}
