namespace AigcGateway.Tests.Charts;

/// <summary>
/// The copies of the team's shared data kept in the repository (so that chart and mapping tests run anywhere) must
/// equal the originals. Without <c>../shared</c> there is nothing to compare with: that is a failure, not a pass.
/// </summary>
public sealed class FixtureTests
{
    [Theory]
    [InlineData("original", "aigc-gateway-values.yaml", "Charts")]
    [InlineData("original", "logto-values.yaml", "Charts")]
    [InlineData("okg/objects", "event-failed-scheduling.json", "Core")]
    [InlineData("okg/objects", "gameserver-ingress-ready.json", "Core")]
    [InlineData("okg/objects", "gameserver-pending-no-gpu.json", "Core")]
    [InlineData("okg/objects", "gameserverset-ingress-reserveids.json", "Core")]
    public void The_fixture_copy_equals_the_shared_original(string sharedFolder, string fileName, string testFolder)
    {
        var original = RepositoryRoot.SharedData(sharedFolder, fileName);
        var copy = Path.Combine(RepositoryRoot.Path, "AigcGateway.Tests", testFolder, "Fixtures", fileName);

        File.Exists(original).ShouldBeTrue(
            $"{original} is missing, so the copy {copy} cannot be checked. The team's shared folder belongs next to the repository (../shared).");
        File.Exists(copy).ShouldBeTrue();
        File.ReadAllText(copy).ShouldBe(File.ReadAllText(original), $"{copy} differs from {original}: copy the original again.");
    }
}
