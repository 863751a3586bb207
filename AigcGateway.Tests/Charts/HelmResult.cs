namespace AigcGateway.Tests.Charts;

/// <summary>Exit code and output of one helm command.</summary>
internal sealed record HelmResult(int ExitCode, string StandardOutput, string StandardError)
{
    public RenderedManifests Manifests()
    {
        ExitCode.ShouldBe(0, $"helm failed: {StandardError}");
        return RenderedManifests.Parse(StandardOutput);
    }
}
