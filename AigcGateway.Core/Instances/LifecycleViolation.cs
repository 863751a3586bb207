using System.Collections.Immutable;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Why a GameServerSet write was refused: it would stop owned instances without reserving their ids
/// (<see cref="StoppedIds"/>), touch records of instances that do not exist (<see cref="MissingIds"/>), or give an
/// owner an id that would have neither a GameServer nor a reservation (<see cref="PhantomIds"/>).
/// </summary>
public sealed record LifecycleViolation(ImmutableArray<int> StoppedIds, ImmutableArray<int> MissingIds, ImmutableArray<int> PhantomIds)
{
    public override string ToString() =>
        $"stops owned ids [{string.Join(",", StoppedIds)}] without reserving them, touches missing records [{string.Join(",", MissingIds)}], " +
        $"records owners without an instance [{string.Join(",", PhantomIds)}]";
}
