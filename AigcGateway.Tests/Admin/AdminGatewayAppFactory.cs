using System.Net;
using System.Text.RegularExpressions;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Admin;

/// <summary>
/// The whole gateway on a loopback port with the administration services registered (as
/// <c>builder.AddGatewayAdministration()</c> does in Program.cs), and HTTP sign-in through the Logto emulator's page.
/// </summary>
public sealed partial class AdminGatewayAppFactory : GatewayAppFactory
{
    public AdminGatewayAppFactory()
        : this(PortReservation.Loopback())
    {
    }

    private AdminGatewayAppFactory(PortReservation port)
        : base(new Uri($"http://localhost:{port.Port}"))
    {
        UseReservedPort(port);
    }

    public Uri Start()
    {
        StartServer();
        return new Uri(PublicUrl.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>A client holding the session of <paramref name="username"/> after signing in on the Logto emulator's page.</summary>
    public async Task<HttpClient> SignedInClientAsync(string username, CancellationToken cancellationToken)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
        {
            BaseAddress = Start(),
        };
        var signInPage = await client.GetStringAsync("/sign-in", cancellationToken);
        var form = SignInForm().Matches(signInPage).First(m => m.Groups["username"].Value == username);
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = WebUtility.HtmlDecode(form.Groups["returnUrl"].Value),
            ["userId"] = WebUtility.HtmlDecode(form.Groups["userId"].Value),
        });
        using var response = await client.PostAsync(new Uri(Logto.Endpoint, "/sign-in"), body, cancellationToken);
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A page of <paramref name="context"/> signed in as <paramref name="username"/> through the welcome page and Logto's sign-in page.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string username)
    {
        ArgumentNullException.ThrowIfNull(context);
        var home = new Uri(PublicUrl.GetLeftPart(UriPartial.Authority) + "/").ToString();
        var page = await context.NewPageAsync();
        await page.GotoAsync(home);
        await page.WaitForCircuitAsync();
        await page.Locator(".welcome-start").ClickAsync();
        await page.ChooseLogtoUserAsync(Logto.EndpointText, username);
        await Assertions.Expect(page).ToHaveURLAsync(home, new() { Timeout = 20_000 });
        await page.WaitForCircuitAsync();
        return page;
    }

    [GeneratedRegex("name=\"returnUrl\" value=\"(?<returnUrl>[^\"]*)\">\\s*<button type=\"submit\" name=\"userId\" value=\"(?<userId>[^\"]*)\" data-username=\"(?<username>[^\"]*)\"")]
    private static partial Regex SignInForm();
}
