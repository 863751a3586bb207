using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// Keeps the user's instance mapping in Logto customData, in the earlier gateway's format, after every lifecycle change.
/// The ownership annotation on the GameServerSet stays the source of truth; this is a mirror, so implementations
/// must not throw for Logto outages: they queue the write for the reconciler and return.
/// </summary>
public interface IUserInstanceMirror
{
    /// <summary>The user now owns <paramref name="instance"/> (installed, paused or recovered).</summary>
    Task RecordAsync(string userId, InstanceRef instance, CancellationToken cancellationToken);

    /// <summary>The user no longer has an instance of <paramref name="template"/> (uninstalled or template deleted).</summary>
    Task ForgetAsync(string userId, TemplateRef template, CancellationToken cancellationToken);
}
