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

    [Theory]
    [InlineData("x")]
    [InlineData("-2")]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("00")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1e0")]
    [InlineData("1.0")]
    [InlineData("0x1")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    public void A_key_that_is_not_a_plain_decimal_id_makes_the_whole_record_invalid(string key)
    {
        var result = OwnershipRecord.Parse($$"""{"0": "user-a", "{{key}}": "user-b", "12": "user-c"}""");

        result.IsValid.ShouldBeFalse();
        result.Owners.ShouldBeEmpty();
        result.Problems.ShouldHaveSingleItem().ShouldContain($"\"{key}\"");
    }

    [Fact]
    public void A_leading_zero_does_not_make_01_the_owner_of_id_1()
    {
        var result = OwnershipRecord.Parse("""{"01": "mallory"}""");

        result.Owners.ContainsKey(1).ShouldBeFalse();
        result.IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"1": "user-a", "1": "mallory"}""")]
    [InlineData("""{"1": "mallory", "2": "user-b", "1": "user-a"}""")]
    [InlineData("""{"1": "user-a", "\u0031": "mallory"}""")]
    public void A_key_written_twice_makes_the_whole_record_invalid(string json)
    {
        var result = OwnershipRecord.Parse(json);

        result.IsValid.ShouldBeFalse();
        result.Owners.ShouldBeEmpty();
        result.Problems.ShouldHaveSingleItem().ShouldContain("\"1\" appears more than once");
    }

    [Theory]
    [InlineData("""{"1": "user-a", "3": 7}""")]
    [InlineData("""{"1": "user-a", "4": ""}""")]
    [InlineData("""{"1": "user-a", "4": null}""")]
    public void An_owner_that_is_not_a_user_id_makes_the_whole_record_invalid(string json)
    {
        var result = OwnershipRecord.Parse(json);

        result.IsValid.ShouldBeFalse();
        result.Owners.ShouldBeEmpty();
    }

    [Fact]
    public void The_largest_int_id_is_accepted()
    {
        OwnershipRecord.Parse("""{"2147483647": "user-a"}""").Owners[int.MaxValue].ShouldBe("user-a");
    }

    [Fact]
    public void Writing_orders_ids_numerically_and_reads_back()
    {
        var json = OwnershipRecord.Format([new(10, "b"), new(2, "a")]);

        json.ShouldBe("""{"2":"a","10":"b"}""");
        OwnershipRecord.Parse(json).Owners.Count.ShouldBe(2);
    }
}
