using System.Collections.Immutable;

namespace AigcGateway.Emulators.Logto;

/// <summary>
/// A Logto "Traditional Web" application registered in the emulator. Redirect and post-logout URIs are compared as
/// exact strings, as Logto &lt;= 1.22 does (<c>https://host</c> differs from <c>https://host/</c>).
/// </summary>
public sealed record LogtoWebApplication(
    string ClientId,
    string ClientSecret,
    ImmutableArray<string> RedirectUris,
    ImmutableArray<string> PostLogoutRedirectUris)
{
    /// <summary>Client id of the demo web application.</summary>
    public const string DemoClientId = "aigcdemowebapp";

    /// <summary>Client secret of the demo web application.</summary>
    public const string DemoClientSecret = "aigc-demo-web-secret";

    /// <summary>The demo web application, with no URIs registered (add them with <c>with { ... }</c>).</summary>
    public static LogtoWebApplication Demo { get; } = new(DemoClientId, DemoClientSecret, [], []);
}
