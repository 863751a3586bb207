using System.Diagnostics;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Web;

/// <summary>The built gateway started with bad settings: every problem listed readably, exit code 1, no stack trace.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class StartupExitCodeTests
{
    [Fact]
    public async Task Bad_settings_list_every_problem_and_exit_with_code_1()
    {
        var start = GatewayProcess.StartInfo("--urls", $"http://127.0.0.1:{PortReservation.ForChildProcess()}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Gateway__PublicUrl"] = "http://192.168.1.10:8080/dashboard";
        start.Environment["Gateway__CookieDomain"] = ".example.com";
        start.Environment["Gateway__ConfigFile"] = "/nonexistent/config.json";
        start.Environment["Logto__Endpoint"] = "https://logto.example.com";
        foreach (var key in new[] { "Logto__AppId", "Logto__AppSecret", "Logto__M2MId", "Logto__M2MSecret", "App_Id", "App_Secret", "M2M_Id", "M2M_Secret" })
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;

        process.ExitCode.ShouldBe(1, text);
        text.ShouldContain("Gateway:PublicUrl 'http://192.168.1.10:8080/dashboard' must be an absolute http(s) URL without path or query");
        text.ShouldContain("Logto:AppId is required");
        text.ShouldContain("Logto:M2MSecret is required");
        text.ShouldNotContain("   at ");
        text.ShouldNotContain("Unhandled exception");
    }
}
