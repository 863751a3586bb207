using AigcGateway.Web.Configuration;

namespace AigcGateway.Tests.Auth;

/// <summary>Every problem the gateway's validator finds in both sections, as start-up would list them; empty when valid.</summary>
internal static class ConfigurationValidation
{
    public static IReadOnlyList<string> Problems(GatewayOptions gateway, LogtoOptions logto, GatewayMode mode)
    {
        var validator = new GatewayOptionsValidator(mode);
        return [.. validator.Validate(null, gateway).Failures ?? [], .. validator.Validate(null, logto).Failures ?? []];
    }
}
