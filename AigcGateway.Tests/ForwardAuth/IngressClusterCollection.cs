namespace AigcGateway.Tests.ForwardAuth;

/// <summary>The forward-auth tests that share one <see cref="IngressClusterFixture"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class IngressClusterCollection : ICollectionFixture<IngressClusterFixture>
{
    public const string Name = "IngressCluster";
}
