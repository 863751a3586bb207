using AigcGateway.Tests.Infrastructure;
using AigcGateway.Tests.Infrastructure.Ingress;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>
/// Security issue #22, F4: a paused instance has no pod and so no Ingress, but it used to stay in the forward-auth
/// index at the address its template's pattern gives. With a path-based template whose Path is <c>/u-&lt;id&gt;</c>
/// (an ImplementationSpecific plain prefix), nginx sends <c>/u-11/...</c> to instance 1's location; the owner of the
/// paused instance 11 must not be let into instance 1's engine.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
[Collection(IngressClusterCollection.Name)]
public sealed class PausedInstanceIngressTests(IngressClusterFixture cluster)
{
    private IngressClusterEnvironment Env => cluster.Env;

    [Fact]
    public async Task The_owner_of_a_paused_instance_does_not_reach_the_running_neighbour_whose_path_prefixes_it()
    {
        var response = await Env.SendAsync("GET /u-11/app HTTP/1.1", $"Host: shared.aigc.test:{Env.Port}", $"Cookie: {Env.AccessCookie(IngressClusterFixture.Bob)}");

        response.ServedBy.ShouldBeNull($"Bob (owner of paused shared-11) reached {response.ServedBy}");
        response.Status.ShouldBe(403);
    }

    [Fact]
    public async Task The_running_instance_is_served_to_its_owner()
    {
        var response = await Env.SendAsync("GET /u-1/app HTTP/1.1", $"Host: shared.aigc.test:{Env.Port}", $"Cookie: {Env.AccessCookie(IngressClusterFixture.Alice)}");

        response.ServedBy.ShouldBe("shared-1");
    }
}
