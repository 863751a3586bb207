using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class ReserveIdSetTests
{
    [Fact]
    public void Plain_ints_and_range_strings_are_both_read()
    {
        var result = ReserveIdSet.Parse(["1", "3-5", "9"]);

        result.IsValid.ShouldBeTrue();
        result.Ids.ToString().ShouldBe("1,3-5,9");
        result.Ids.Contains(4).ShouldBeTrue();
        result.Ids.Contains(2).ShouldBeFalse();
        result.Ids.Count.ShouldBe(5);
    }

    [Theory]
    [InlineData("-1", "negative")]
    [InlineData("-2-3", "negative")]
    [InlineData("2--3", "negative")]
    [InlineData("abc", "not a number")]
    [InlineData("5-3", "starts after it ends")]
    [InlineData("1.5", "not a number")]
    [InlineData("", "not a number")]
    public void A_bad_item_is_rejected_with_a_reason(string item, string reason)
    {
        var result = ReserveIdSet.Parse(["7", item]);

        result.IsValid.ShouldBeFalse();
        result.Problems.ShouldHaveSingleItem().ShouldContain(reason);
        result.Ids.ToString().ShouldBe("7");
    }

    [Theory]
    [InlineData("3", "1-5")]
    [InlineData("2-4", "4-6")]
    [InlineData("3", "3")]
    public void Overlapping_items_are_rejected(string first, string second)
    {
        var result = ReserveIdSet.Parse([first, second]);

        result.Problems.ShouldHaveSingleItem().ShouldContain("overlaps");
    }

    [Fact]
    public void Adjacent_items_are_merged_into_one_range()
    {
        ReserveIdSet.Parse(["1", "2", "3-4"]).Ids.Ranges.ShouldBe([new ReserveIdRange(1, 4)]);
    }

    [Fact]
    public void Range_format_writes_compressed_ranges()
    {
        var set = ReserveIdSet.Of(1, 3, 4, 5, 9);

        set.ToItems(ReserveIdFormat.Ranges).Select(r => r.ToString()).ShouldBe(["1", "3-5", "9"]);
    }

    [Fact]
    public void Plain_format_writes_one_item_per_id()
    {
        var set = ReserveIdSet.Of(1, 3, 4, 5, 9);

        set.ToItems(ReserveIdFormat.Plain).Select(r => r.ToString()).ShouldBe(["1", "3", "4", "5", "9"]);
    }

    [Fact]
    public void Removing_an_id_from_the_middle_of_a_range_splits_it()
    {
        var set = ReserveIdSet.Of(3, 4, 5).Remove(4);

        set.ToString().ShouldBe("3,5");
    }

    [Fact]
    public void Adding_an_id_next_to_a_range_extends_it()
    {
        ReserveIdSet.Of(3, 4).Add(5).Ranges.ShouldBe([new ReserveIdRange(3, 5)]);
    }

    [Fact]
    public void A_huge_range_is_not_expanded_in_memory()
    {
        var set = ReserveIdSet.Parse(["0-2000000000"]).Ids;

        set.Count.ShouldBe(2000000001);
        set.Contains(1999999999).ShouldBeTrue();
        set.Remove(5).Ranges.Length.ShouldBe(2);
    }

    [Fact]
    public void Sets_with_the_same_ids_are_equal_whatever_form_they_were_read_from()
    {
        ReserveIdSet.Parse(["1", "2", "3"]).Ids.ShouldBe(ReserveIdSet.Parse(["1-3"]).Ids);
    }
}
