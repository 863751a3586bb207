using AigcGateway.Tests.Infrastructure;
using AigcGateway.Tests.Infrastructure.Ingress;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>
/// Security issue #22, F1 (kubernetes/ingress-nginx#5464): with an absolute-form request line, nginx chooses the
/// server block (and so the upstream) from the request line while <c>X-Original-URL</c> is built from the Host header.
/// Bob, signed in and owning his own instances, must not reach Alice's engine by naming her host in the request line
/// and his own in the Host header.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
[Collection(IngressClusterCollection.Name)]
public sealed class AbsoluteFormRequestTests(IngressClusterFixture cluster)
{
    private IngressClusterEnvironment Env => cluster.Env;

    /// <summary>Request line and Host header; {victim}/{own} are lab ids, {port} nginx's port, {pool} Alice's pool id.</summary>
    public static TheoryData<string, string, string> Attacks => new()
    {
        { "victim in the request line", "GET http://lab-{victim}.aigc.test/secret HTTP/1.1", "lab-{own}.aigc.test:{port}" },
        { "with the port", "GET http://lab-{victim}.aigc.test:{port}/secret HTTP/1.1", "lab-{own}.aigc.test:{port}" },
        { "with another port", "GET http://lab-{victim}.aigc.test:1/secret HTTP/1.1", "lab-{own}.aigc.test:{port}" },
        { "upper case", "GET http://LAB-{victim}.AIGC.TEST/secret HTTP/1.1", "lab-{own}.aigc.test:{port}" },
        { "trailing dot", "GET http://lab-{victim}.aigc.test./secret HTTP/1.1", "lab-{own}.aigc.test:{port}" },
        { "https in the request line", "GET https://lab-{victim}.aigc.test/secret HTTP/1.1", "lab-{own}.aigc.test:{port}" },
        { "own host spelled differently", "GET http://lab-{victim}.aigc.test/secret HTTP/1.1", "LAB-{own}.AIGC.TEST.:{port}" },
        { "own host without a port", "GET http://lab-{victim}.aigc.test/secret HTTP/1.1", "lab-{own}.aigc.test" },
        { "path-based, across hosts", "GET http://pool.aigc.test/u-{pool}/secret HTTP/1.1", "pool2.aigc.test:{port}" },
    };

    private string Fill(string text) => text
        .Replace("{victim}", cluster.AliceLab.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{own}", cluster.BobLab.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{pool}", cluster.AlicePool.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{port}", Env.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Naming_someone_elses_host_in_the_request_line_is_refused(string attack, string requestLine, string host)
    {
        cluster.AlicePool.ShouldBe(cluster.BobPool2, "the path-based attack needs Bob's pool2 instance at Alice's pool path");

        var response = await Env.SendAsync(Fill(requestLine), $"Host: {Fill(host)}", $"Cookie: {Env.AccessCookie(IngressClusterFixture.Bob)}");

        response.ServedBy.ShouldBeNull($"{attack}: Bob reached {response.ServedBy}");
        response.Status.ShouldBe(403, attack);
    }

    [Fact]
    public async Task An_absolute_form_request_for_ones_own_host_is_served()
    {
        var own = IngressClusterFixture.LabHost(cluster.BobLab);

        var response = await Env.SendAsync($"GET http://{own}/app HTTP/1.1", $"Host: {own}:{Env.Port}", $"Cookie: {Env.AccessCookie(IngressClusterFixture.Bob)}");

        response.ServedBy.ShouldBe($"lab-{cluster.BobLab}");
    }

    [Fact]
    public async Task Each_owner_reaches_their_own_instances()
    {
        var alice = $"Cookie: {Env.AccessCookie(IngressClusterFixture.Alice)}";
        var bob = $"Cookie: {Env.AccessCookie(IngressClusterFixture.Bob)}";

        (await Env.SendAsync("GET /app HTTP/1.1", $"Host: {IngressClusterFixture.LabHost(cluster.AliceLab)}:{Env.Port}", alice)).ServedBy.ShouldBe($"lab-{cluster.AliceLab}");
        (await Env.SendAsync($"GET /u-{cluster.AlicePool}/app HTTP/1.1", $"Host: pool.aigc.test:{Env.Port}", alice)).ServedBy.ShouldBe($"pool-{cluster.AlicePool}");
        (await Env.SendAsync($"GET /u-{cluster.BobPool2}/app HTTP/1.1", $"Host: pool2.aigc.test:{Env.Port}", bob)).ServedBy.ShouldBe($"pool2-{cluster.BobPool2}");
        (await Env.SendAsync("GET /app HTTP/1.1", $"Host: {IngressClusterFixture.LabHost(cluster.AliceLab)}:{Env.Port}", bob)).Status.ShouldBe(403);
    }
}
