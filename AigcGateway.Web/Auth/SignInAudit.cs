using System.Security.Claims;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage.Audit;

namespace AigcGateway.Web.Auth;

/// <summary>Sign-ins and sign-outs in the audit log (when the gateway has one; the call returns at once).</summary>
internal static class SignInAudit
{
    public static void Record(HttpContext context, ClaimsPrincipal? user, string action)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (user?.FindFirst(GatewayClaims.Subject)?.Value is not { Length: > 0 } userId
            || context.RequestServices.GetService<IAuditLog>() is not { } audit)
        {
            return;
        }

        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var address = context.Connection.RemoteIpAddress?.ToString();
        audit.Record(new AuditEntry(time.GetUtcNow(), "user " + userId, action, "dashboard", true, address is null ? null : "from " + address)
        {
            ActorId = userId,
        });
    }
}
