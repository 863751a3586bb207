using AigcGateway.Emulators.Logto;
using LogtoServer = AigcGateway.Emulators.Logto.LogtoEmulator;

namespace AigcGateway.Tests.LogtoEmulator;

/// <summary>The applications the conformance tests register.</summary>
internal static class LogtoTestSetup
{
    public const string RedirectUri = "https://dashboard.aigc.test/sign-in-callback";
    public const string PostLogoutUri = "https://dashboard.aigc.test/";

    public static LogtoWebApplication WebApp { get; } = new("testwebapp", "test-web-secret", [RedirectUri], [PostLogoutUri]);

    public static LogtoEmulatorOptions Options { get; } = new()
    {
        WebApplications = [WebApp],
        M2mApplications = [new LogtoM2mApplication("testm2mapp", "test-m2m-secret", HasManagementApiRole: true)],
    };

    public static Task<LogtoServer> StartAsync() =>
        LogtoServer.StartAsync(Options, Xunit.TestContext.Current.CancellationToken);
}
