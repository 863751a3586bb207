namespace AigcGateway.Web.Auth;

/// <summary>Authorization policy names.</summary>
public static class GatewayPolicies
{
    /// <summary>Signed in and an administrator (Logto role, role read at sign-in, or <c>Gateway:AdminUsers</c>).</summary>
    public const string Administrator = "aigc-administrator";
}
