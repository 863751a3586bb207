using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// The ids of one template for which an instance exists: those with a GameServer (or its pod), and reserved ids that
/// hold a paused instance. A reserved id holds one only when its data volume exists (<see cref="WithData"/>; null for a
/// template without data volumes, where every reserved id counts): the lifecycle also reserves ids to steer OKG, and
/// keeps uninstalled ids reserved while their volumes are deleted.
/// </summary>
public sealed record ExistingInstanceIds(IReadOnlySet<int> Present, ReserveIdSet Reserved, IReadOnlySet<int>? WithData)
{
    public static ExistingInstanceIds None { get; } = new(ImmutableHashSet<int>.Empty, ReserveIdSet.Empty, null);

    public bool Contains(int id) => Present.Contains(id) || (Reserved.Contains(id) && (WithData is null || WithData.Contains(id)));
}
