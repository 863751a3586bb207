namespace AigcGateway.Web.Hosting;

/// <summary>The authorization policy that guards the administration pages and their navigation.</summary>
public static class AdministratorPolicy
{
    public const string Name = "Administrator";
}
