using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class CatalogFilterTests
{
    private static readonly Dictionary<string, string> s_labels = new() { ["aigc"] = "true", ["team"] = "lab" };

    [Fact]
    public void An_empty_filter_matches_every_game_server_set()
    {
        CatalogFilter.All.Matches("anything", null).ShouldBeTrue();
    }

    [Fact]
    public void Only_configured_namespaces_match()
    {
        var filter = CatalogFilter.Create(["default"], null);

        filter.Matches("default", s_labels).ShouldBeTrue();
        filter.Matches("other", s_labels).ShouldBeFalse();
    }

    [Fact]
    public void Every_selector_label_must_be_equal()
    {
        var filter = CatalogFilter.Create(null, [new("aigc", "true")]);

        filter.Matches("ns", s_labels).ShouldBeTrue();
        filter.Matches("ns", new Dictionary<string, string> { ["aigc"] = "false" }).ShouldBeFalse();
        filter.Matches("ns", null).ShouldBeFalse();
    }

    [Fact]
    public void The_label_selector_is_written_for_the_api()
    {
        CatalogFilter.Create(null, s_labels).LabelSelector.ShouldBe("aigc=true,team=lab");
    }

    [Fact]
    public void The_earlier_gateways_file_is_accepted()
    {
        var filter = LegacyFilterFile.Parse("""{"namespaces": ["default", "ai"], "gss_labels": {"aigc": "true"}}""");

        filter.Namespaces.ShouldBe(["default", "ai"]);
        filter.LabelSelector.ShouldBe("aigc=true");
    }

    [Fact]
    public void The_earlier_gateways_file_with_empty_lists_selects_everything()
    {
        var filter = LegacyFilterFile.Parse("""{"namespaces": [], "gss_labels": {}}""");

        filter.AllNamespaces.ShouldBeTrue();
        filter.Labels.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"namespaces": "default"}""")]
    [InlineData("""{"gss_labels": {"a": 1}}""")]
    [InlineData("[]")]
    public void A_malformed_filter_file_is_reported(string json)
    {
        Should.Throw<FormatException>(() => LegacyFilterFile.Parse(json));
    }

    [Fact]
    public void Merging_with_an_all_namespaces_filter_keeps_the_configured_namespaces()
    {
        var merged = CatalogFilter.Create(["a"], null).Merge(LegacyFilterFile.Parse("""{"namespaces": [], "gss_labels": {"x": "1"}}"""));

        merged.Namespaces.ShouldBe(["a"]);
        merged.LabelSelector.ShouldBe("x=1");
    }
}
