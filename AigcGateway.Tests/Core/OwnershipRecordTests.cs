using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Core;

public sealed class OwnershipRecordTests
{
    [Fact]
    public void A_missing_annotation_means_no_owners()
    {
        var result = OwnershipRecord.Parse(null);

        result.Owners.ShouldBeEmpty();
        result.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Owners_are_read_by_id()
    {
        var result = OwnershipRecord.Parse("""{"0": "user-a", "12": "user-b"}""");

        result.IsValid.ShouldBeTrue();
        result.Owners[0].ShouldBe("user-a");
        result.Owners[12].ShouldBe("user-b");
    }

    [Fact]
    public void Invalid_json_is_reported_not_thrown()
    {
        var result = OwnershipRecord.Parse("{not json");

        result.Owners.ShouldBeEmpty();
        result.Problems.ShouldHaveSingleItem().ShouldContain("not valid JSON");
    }

    [Fact]
    public void A_json_array_is_reported()
    {
        OwnershipRecord.Parse("""["a"]""").Problems.ShouldHaveSingleItem().ShouldContain("expected a JSON object");
    }

    [Fact]
    public void Malformed_entries_are_skipped_and_valid_ones_kept()
    {
        var result = OwnershipRecord.Parse("""{"1": "user-a", "x": "user-b", "-2": "user-c", "3": 7, "4": ""}""");

        result.Owners.Keys.ShouldBe([1]);
        result.Problems.Length.ShouldBe(4);
    }

    [Fact]
    public void Writing_orders_ids_numerically_and_reads_back()
    {
        var json = OwnershipRecord.Format([new(10, "b"), new(2, "a")]);

        json.ShouldBe("""{"2":"a","10":"b"}""");
        OwnershipRecord.Parse(json).Owners.Count.ShouldBe(2);
    }
}
