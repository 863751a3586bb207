using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class IdAllocatorTests
{
    [Fact]
    public void The_first_id_of_an_empty_template_is_zero()
    {
        IdAllocator.NextId([], ReserveIdSet.Empty).ShouldBe(0);
    }

    [Fact]
    public void The_lowest_id_neither_running_nor_reserved_is_chosen()
    {
        IdAllocator.NextId([0, 2], ReserveIdSet.Of(1, 3, 4, 5)).ShouldBe(6);
    }

    [Fact]
    public void A_gap_below_the_highest_running_id_is_filled()
    {
        IdAllocator.NextId([0, 3], ReserveIdSet.Empty).ShouldBe(1);
    }

    [Fact]
    public void A_large_reserved_range_is_skipped_in_one_step()
    {
        IdAllocator.NextId([], ReserveIdSet.Parse(["0-1000000"]).Ids).ShouldBe(1000001);
    }

    [Fact]
    public void The_original_gateways_guess_is_not_used()
    {
        // original: len(reserve) + replicas = 2 + 2 = 4; OKG picks 0
        IdAllocator.NextId([1, 3], ReserveIdSet.Parse(["2", "4-9"]).Ids).ShouldBe(0);
    }
}
