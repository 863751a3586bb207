using System.Text;
using AigcGateway.Core.Administration;

namespace AigcGateway.Tests.Administration;

/// <summary>Hostile YAML from the admin editor: alias bombs, runaway nesting and oversized input are refused before they cost anything.</summary>
public sealed class ManifestYamlLimitsTests
{
    // 272 bytes that a YAML loader expanding aliases turns into 9^7 (4.8 million) strings: the pentest's "billion laughs"
    private const string AliasBomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        """;

    [Fact]
    public void An_alias_bomb_is_refused_with_a_message_that_says_why()
    {
        ManifestYaml.TryRead(AliasBomb, out var manifest, out var problem).ShouldBeFalse();

        manifest.ShouldBeNull();
        problem!.Line.ShouldBe(1);
        problem.Message.ShouldContain("Anchors and aliases");
        problem.Message.ShouldContain("Kubernetes manifests have no use for them");
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_being_expanded()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        ManifestYaml.TryRead(AliasBomb, out _, out _).ShouldBeFalse();

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.ShouldBeLessThan(1024 * 1024, $"reading 272 bytes allocated {allocated:N0} bytes");
    }

    [Theory]
    [InlineData("metadata:\n  name: &n sd\n")]
    [InlineData("metadata: &m\n  name: sd\n")]
    [InlineData("base: {a: 1}\nspec:\n  <<: *base\n")]
    public void Any_anchor_or_alias_is_refused_at_its_position(string yaml)
    {
        ManifestYaml.TryRead(yaml, out _, out var problem).ShouldBeFalse();

        problem!.Message.ShouldContain("Anchors and aliases");
        problem.Line.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Nesting_far_beyond_the_limit_is_refused_without_overflowing_the_stack(char open, char close)
    {
        // 100,000 levels (200 KB, under the size limit): recursing over them would end the process
        const int levels = 100_000;
        var item = open == '{' ? "a: " : "";
        var yaml = "spec: " + string.Concat(Enumerable.Repeat(open + item, levels)) + "1" + new string(close, levels) + "\n";

        ManifestYaml.TryRead(yaml, out var manifest, out var problem).ShouldBeFalse();

        manifest.ShouldBeNull();
        problem!.Message.ShouldContain($"more than {ManifestYaml.MaxDepth} levels");
        problem.Line.ShouldBe(1);
    }

    [Fact]
    public void Block_nesting_one_level_past_the_limit_is_refused_and_at_the_limit_accepted()
    {
        ManifestYaml.TryRead(BlockNesting(ManifestYaml.MaxDepth), out var manifest, out var atLimit).ShouldBeTrue(atLimit?.ToString());
        manifest.ShouldNotBeNull();

        ManifestYaml.TryRead(BlockNesting(ManifestYaml.MaxDepth + 1), out _, out var problem).ShouldBeFalse();
        problem!.Message.ShouldContain($"more than {ManifestYaml.MaxDepth} levels");
        problem.Line.ShouldBe(ManifestYaml.MaxDepth + 1);
    }

    [Fact]
    public void Input_over_the_size_limit_is_refused_before_parsing_and_the_message_names_the_limit()
    {
        var yaml = "metadata:\n  name: sd\n" + new string('#', ManifestYaml.MaxBytes) + "\n";
        var before = GC.GetAllocatedBytesForCurrentThread();

        ManifestYaml.TryRead(yaml, out _, out var problem).ShouldBeFalse();

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(64 * 1024);
        problem!.Message.ShouldContain("512 KiB");
        problem.Line.ShouldBe(0);
    }

    [Fact]
    public void The_size_limit_counts_utf8_bytes()
    {
        // 200,000 Chinese characters are 600,000 bytes in UTF-8
        var yaml = "metadata:\n  annotations:\n    aigc-gateway.io/description: " + new string('画', 200_000) + "\n";

        ManifestYaml.TryRead(yaml, out _, out var problem).ShouldBeFalse();

        problem!.Message.ShouldContain("512 KiB");
    }

    [Fact]
    public void A_real_template_with_a_long_environment_list_is_accepted()
    {
        var yaml = new StringBuilder("apiVersion: game.kruise.io/v1alpha1\nkind: GameServerSet\nmetadata:\n  name: sd\n  namespace: aigc\nspec:\n  replicas: 0\n  gameServerTemplate:\n    spec:\n      containers:\n      - name: app\n        image: sd:1\n        env:\n");
        for (var i = 0; i < 1500; i++)
        {
            yaml.Append("        - name: SETTING_").Append(i).Append("\n          value: \"a reasonably long configuration value for entry ").Append(i).Append("\"\n");
        }

        yaml.Length.ShouldBeGreaterThan(100_000);

        ManifestYaml.TryRead(yaml.ToString(), out var manifest, out var problem).ShouldBeTrue(problem?.ToString());
        manifest!["spec"]!["gameServerTemplate"]!["spec"]!["containers"]![0]!["env"]!.AsArray().Count.ShouldBe(1500);
    }

    private static string BlockNesting(int depth)
    {
        // depth collections: the root mapping and depth - 1 nested ones, the last holding a scalar
        var yaml = new StringBuilder();
        for (var level = 0; level < depth; level++)
        {
            yaml.Append(' ', level * 2).Append("k").Append(level).Append(level == depth - 1 ? ": leaf\n" : ":\n");
        }

        return yaml.ToString();
    }
}
