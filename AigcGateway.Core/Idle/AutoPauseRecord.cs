namespace AigcGateway.Core.Idle;

/// <summary>
/// Why the gateway paused an instance by itself: kept on the GameServerSet (<see cref="AutoPauseAnnotations"/>), written in
/// the same update as the pause, removed when the instance is recovered or uninstalled.
/// </summary>
/// <param name="PausedAt">when the gateway paused it</param>
/// <param name="LastActive">the latest activity before it (null: never used since it started)</param>
/// <param name="Timeout">the idle timeout in force</param>
/// <param name="Measured">the pod's latest measurement then (null: no GPU/CPU source configured)</param>
public sealed record AutoPauseRecord(DateTimeOffset PausedAt, DateTimeOffset? LastActive, TimeSpan Timeout, UsageSample? Measured)
{
    /// <summary>How long it had been unused when paused.</summary>
    public TimeSpan? Unused => LastActive is { } last && PausedAt > last ? PausedAt - last : null;
}
