using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>Predicts the id OKG gives a new GameServer: the lowest id neither running nor explicitly reserved.</summary>
public static class IdAllocator
{
    /// <param name="occupied">Ids that have (or are about to have) a GameServer: existing GameServers and owned, unreserved ids.</param>
    public static int NextId(IEnumerable<int> occupied, ReserveIdSet reserved)
    {
        ArgumentNullException.ThrowIfNull(occupied);
        ArgumentNullException.ThrowIfNull(reserved);
        return FreeIds(reserved, occupied.ToHashSet()).First();
    }

    /// <summary>The ids neither in <paramref name="taken"/> nor reserved, lowest first (reserved ranges skipped whole).</summary>
    public static IEnumerable<int> FreeIds(ReserveIdSet reserved, IReadOnlySet<int> taken)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        ArgumentNullException.ThrowIfNull(taken);
        var id = 0;
        while (true)
        {
            if (reserved.Contains(id))
            {
                id = reserved.Ranges.First(r => r.Start <= id && id <= r.End).End + 1;
                continue;
            }

            if (!taken.Contains(id))
            {
                yield return id;
            }

            id++;
        }
    }
}
