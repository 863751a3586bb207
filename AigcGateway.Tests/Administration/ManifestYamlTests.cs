using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;

namespace AigcGateway.Tests.Administration;

public sealed class ManifestYamlTests
{
    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        const string yaml = """
            apiVersion: game.kruise.io/v1alpha1
            kind: GameServerSet
            metadata:
              name: sd
              namespace: aigc
            spec:
              replicas: 2
              futureField:
                nested: [1, "2", true, null, 2.5]
              gameServerTemplate:
                spec:
                  tolerations:
                    - key: nvidia.com/gpu
                      operator: Exists
            """;

        ManifestYaml.TryRead(yaml, out var first, out _).ShouldBeTrue();
        ManifestYaml.TryRead(ManifestYaml.Write(first!), out var second, out _).ShouldBeTrue();

        JsonNode.DeepEquals(first, second).ShouldBeTrue();
        second!["spec"]!["futureField"]!["nested"]!.ToJsonString().ShouldBe("[1,\"2\",true,null,2.5]");
        second["spec"]!["gameServerTemplate"]!["spec"]!["tolerations"]![0]!["operator"]!.GetValue<string>().ShouldBe("Exists");
    }

    [Fact]
    public void Strings_that_look_like_numbers_or_booleans_stay_strings()
    {
        var node = new JsonObject { ["port"] = "7860", ["flag"] = "true", ["empty"] = "", ["tilde"] = "~", ["colon"] = "a: b" };

        ManifestYaml.TryRead(ManifestYaml.Write(node), out var back, out _).ShouldBeTrue();

        JsonNode.DeepEquals(back, node).ShouldBeTrue();
    }

    [Fact]
    public void A_syntax_error_is_reported_with_its_line_and_column()
    {
        const string yaml = "metadata:\n  name: sd\n  labels: [a, b\nspec: {}\n";

        ManifestYaml.TryRead(yaml, out _, out var problem).ShouldBeFalse();

        problem!.Line.ShouldBeGreaterThanOrEqualTo(3);
        problem.Column.ShouldBeGreaterThan(0);
        problem.ToString().ShouldStartWith($"line {problem.Line}, column {problem.Column}: ");
    }

    [Fact]
    public void A_duplicated_key_is_reported_where_it_repeats()
    {
        const string yaml = "metadata:\n  name: a\n  name: b\n";

        ManifestYaml.TryRead(yaml, out _, out var problem).ShouldBeFalse();

        problem!.Line.ShouldBe(3);
        problem.Message.ShouldContain("'name' appears twice");
    }

    [Theory]
    [InlineData("")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text")]
    [InlineData("a: 1\n---\nb: 2\n")]
    public void Anything_but_one_mapping_document_is_refused_with_a_message(string yaml)
    {
        ManifestYaml.TryRead(yaml, out _, out var problem).ShouldBeFalse();

        problem!.Message.ShouldNotBeNullOrWhiteSpace();
    }
}
