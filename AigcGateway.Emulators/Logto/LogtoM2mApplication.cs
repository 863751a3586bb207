namespace AigcGateway.Emulators.Logto;

/// <summary>
/// A Logto machine-to-machine application. <paramref name="HasManagementApiRole"/> is the "Logto Management API
/// access" role (the "Enable admin access" switch of older Logto); without it every Management API call answers 403.
/// </summary>
public sealed record LogtoM2mApplication(string ClientId, string ClientSecret, bool HasManagementApiRole)
{
    /// <summary>Client id of the demo M2M application.</summary>
    public const string DemoClientId = "aigcdemom2mapp";

    /// <summary>Client secret of the demo M2M application.</summary>
    public const string DemoClientSecret = "aigc-demo-m2m-secret";

    /// <summary>The demo M2M application, holding the Management API role.</summary>
    public static LogtoM2mApplication Demo { get; } = new(DemoClientId, DemoClientSecret, HasManagementApiRole: true);
}
