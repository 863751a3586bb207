using System.Net;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Web;

/// <summary>
/// A gateway configured for production (a Logto endpoint) has no demo: the simulated cluster page and the demo
/// instances answer 404 to everyone, before any sign-in.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class DemoOnlyEndpointsTests(GatewayAppFixture app) : IClassFixture<GatewayAppFixture>
{
    [Theory]
    [InlineData("/demo/faults")]
    [InlineData("/demo-instances/sd-cpu-0/")]
    public async Task Outside_demo_mode_the_demo_urls_do_not_exist(string path)
    {
        var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).ShouldContain("Page not found");
    }
}
