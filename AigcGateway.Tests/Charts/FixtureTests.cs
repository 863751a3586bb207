namespace AigcGateway.Tests.Charts;

public sealed class FixtureTests
{
    [Theory]
    [InlineData("aigc-gateway-values.yaml")]
    [InlineData("logto-values.yaml")]
    public void The_fixture_copy_equals_the_shared_original_when_the_shared_folder_is_present(string fileName)
    {
        var original = RepositoryRoot.OriginalValues(fileName);
        var fixture = RepositoryRoot.Fixture(fileName);

        File.Exists(fixture).ShouldBeTrue();
        File.ReadAllText(fixture).ShouldBe(File.ReadAllText(original));
    }
}
