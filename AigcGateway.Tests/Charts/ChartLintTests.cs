using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Charts;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ChartLintTests
{
    [Theory]
    [InlineData("aigc-gateway")]
    [InlineData("logto")]
    public async Task The_chart_passes_helm_lint_strict_with_its_default_values(string chart)
    {
        var result = await Helm.LintAsync(chart, Xunit.TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.StandardOutput + result.StandardError);
        result.StandardOutput.ShouldContain("1 chart(s) linted, 0 chart(s) failed");
    }
}
