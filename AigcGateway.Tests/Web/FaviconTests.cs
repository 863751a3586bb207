using System.Net;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Web;

/// <summary>Browsers ask for /favicon.ico on pages without an icon link (the sign-in error pages): it is the app's icon.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class FaviconTests(GatewayAppFixture app) : IClassFixture<GatewayAppFixture>
{
    [Fact]
    public async Task Favicon_ico_is_the_apps_icon_for_anonymous_visitors()
    {
        var response = await app.Client.GetAsync(new Uri("/favicon.ico", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/x-icon");
        var bytes = await response.Content.ReadAsByteArrayAsync(Xunit.TestContext.Current.CancellationToken);
        bytes[..4].ShouldBe(new byte[] { 0, 0, 1, 0 }, "an ICO header");
    }
}
