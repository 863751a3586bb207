using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Tests.Logto;

public sealed class CustomDataEntryCodecTests
{
    private static readonly TemplateRef s_sd = new("default", "sd-webui");

    [Fact]
    public void An_entry_is_written_in_the_earlier_gateways_format()
    {
        var json = CustomDataEntryCodec.Encode(new InstanceRef(s_sd, 12)).ToJsonString();

        json.ShouldBe("""{"Name":"sd-webui","Namespace":"default","ID":"12","Type":""}""");
        CustomDataEntryCodec.KeyFor(s_sd).ShouldBe("default-sd-webui");
    }

    [Fact]
    public void An_entry_written_by_the_earlier_gateway_is_read()
    {
        var data = JsonNode.Parse("""{"default-sd-webui":{"Name":"sd-webui","Namespace":"default","ID":"3","Type":""}}""")!.AsObject();

        var entries = CustomDataEntryCodec.Decode(data);

        entries.Entries.ShouldHaveSingleItem().Instance.ShouldBe(new InstanceRef(s_sd, 3));
        entries.Entries[0].KeyMatchesValue.ShouldBeTrue();
    }

    [Fact]
    public void A_null_value_means_no_instance()
    {
        var data = JsonNode.Parse("""{"default-sd-webui":null}""")!.AsObject();

        var entries = CustomDataEntryCodec.Decode(data);

        entries.Entries.ShouldBeEmpty();
        entries.ClearedKeys.ShouldBe(["default-sd-webui"]);
    }

    [Fact]
    public void The_value_not_the_ambiguous_key_decides_the_template()
    {
        var data = JsonNode.Parse("""{"a-b-c":{"Name":"c","Namespace":"a-b","ID":"1","Type":""}}""")!.AsObject();

        var entry = CustomDataEntryCodec.Decode(data).Entries.ShouldHaveSingleItem();

        entry.Instance.Template.ShouldBe(new TemplateRef("a-b", "c"));
    }

    [Fact]
    public void An_entry_under_an_unexpected_key_is_read_and_flagged()
    {
        var data = JsonNode.Parse("""{"renamed":{"Name":"sd-webui","Namespace":"default","ID":"4","Type":""}}""")!.AsObject();

        var entry = CustomDataEntryCodec.Decode(data).Entries.ShouldHaveSingleItem();

        entry.KeyMatchesValue.ShouldBeFalse();
    }

    [Fact]
    public void A_numeric_id_typed_by_hand_is_tolerated()
    {
        var data = JsonNode.Parse("""{"default-sd-webui":{"Name":"sd-webui","Namespace":"default","ID":7}}""")!.AsObject();

        CustomDataEntryCodec.Decode(data).Entries.ShouldHaveSingleItem().Instance.Id.ShouldBe(7);
    }

    [Theory]
    [InlineData("""{"Name":"sd-webui","Namespace":"default","ID":"seven","Type":""}""", "ID")]
    [InlineData("""{"Name":"sd-webui","Namespace":"default","ID":"-1","Type":""}""", "ID")]
    [InlineData("""{"Name":"sd-webui","ID":"1","Type":""}""", "Namespace")]
    [InlineData("""{"Name":"SD WebUI","Namespace":"default","ID":"1","Type":""}""", "Name")]
    [InlineData("""{"Name":42,"Namespace":"default","ID":"1"}""", "Name")]
    public void A_malformed_entry_is_reported_not_thrown(string value, string problemMentions)
    {
        var data = new JsonObject { ["default-sd-webui"] = JsonNode.Parse(value) };

        var entries = CustomDataEntryCodec.Decode(data);

        entries.Entries.ShouldBeEmpty();
        entries.Malformed.ShouldHaveSingleItem().Problem.ShouldContain(problemMentions);
    }

    [Fact]
    public void Other_applications_custom_data_is_ignored()
    {
        var data = JsonNode.Parse("""{"theme":"dark","prefs":{"lang":"en"},"list":[1,2]}""")!.AsObject();

        var entries = CustomDataEntryCodec.Decode(data);

        entries.Entries.ShouldBeEmpty();
        entries.Malformed.ShouldBeEmpty();
    }
}
