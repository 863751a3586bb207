using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Access;

/// <summary>
/// The index's path matching on its own: a prefix serves a path only at a segment boundary, whatever other endpoints
/// share the host (the policy tests cover "/u/1" against "/u/1x" next to a "/u/11" endpoint).
/// </summary>
public sealed class ForwardAuthIndexTests
{
    private static readonly TemplateRef Lab = new("aigc", "lab");

    private static InstanceEndpoint Endpoint(int id, string owner, string prefix) => new(new InstanceRef(Lab, id), owner, "lab.aigc.test", prefix);

    private static InstanceEndpoint? Find(ForwardAuthIndex index, string url)
    {
        ForwardAuthTarget.TryParse(url, out var target, out var reason).ShouldBeTrue(reason);
        return index.Find(target!);
    }

    [Theory]
    [InlineData("https://lab.aigc.test/team/u/7", true)]
    [InlineData("https://lab.aigc.test/team/u/7/", true)]
    [InlineData("https://lab.aigc.test/team/u/7/api/queue", true)]
    [InlineData("https://lab.aigc.test/team/u/70", false)]
    [InlineData("https://lab.aigc.test/team/u/70/api", false)]
    [InlineData("https://lab.aigc.test/team/u/7-old/", false)]
    [InlineData("https://lab.aigc.test/team/u/7.bak", false)]
    [InlineData("https://lab.aigc.test/team/u/", false)]
    public void A_lone_prefix_serves_its_own_segment_and_nothing_that_only_starts_with_it(string url, bool served)
    {
        var index = ForwardAuthIndex.Build([Endpoint(7, "carol", "/team/u/7")]);

        var found = Find(index, url);

        (found is not null).ShouldBe(served);
    }

    [Fact]
    public void A_longer_prefix_that_ends_inside_a_segment_falls_back_to_the_shorter_one()
    {
        var index = ForwardAuthIndex.Build([Endpoint(1, "alice", "/a"), Endpoint(2, "bob", "/a/b")]);

        Find(index, "https://lab.aigc.test/a/bc")!.OwnerId.ShouldBe("alice");
        Find(index, "https://lab.aigc.test/a/b/c")!.OwnerId.ShouldBe("bob");
        Find(index, "https://lab.aigc.test/ab").ShouldBeNull();
    }
}
