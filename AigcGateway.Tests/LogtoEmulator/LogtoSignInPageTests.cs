using System.Net;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;

namespace AigcGateway.Tests.LogtoEmulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class LogtoSignInPageTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_page_lists_alice_bob_and_the_administrator_and_offers_to_create_a_user()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var html = await LogtoTestBrowser.ReadAsync(await browser.GetAsync("/sign-in"));

        foreach (var user in LogtoDemoUsers.All)
        {
            html.ShouldContain($"value=\"{user.Id}\" data-username=\"{user.Username}\"");
            html.ShouldContain(user.Name);
        }

        html.ShouldContain("aigc-admin");
        html.ShouldContain("action=\"/sign-in/create\"");
    }

    [Fact]
    public async Task Creating_a_user_with_a_taken_username_shows_an_error()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        using var response = await browser.Http.PostAsync("/sign-in/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "alice",
            ["returnUrl"] = "/oidc/auth?x=1",
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("already in use");
        emulator.Users.Length.ShouldBe(3);
    }

    [Fact]
    public async Task Sign_in_never_returns_to_a_foreign_url()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        using var response = await browser.Http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = LogtoDemoUsers.Bob.Id,
            ["returnUrl"] = "https://evil.test/",
        }), Ct);

        response.Headers.Location!.OriginalString.ShouldBe("/sign-in/done");
    }
}
