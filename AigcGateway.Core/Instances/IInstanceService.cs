using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>The UI's port: a user's live dashboard and the operations on their instances.</summary>
public interface IInstanceService
{
    /// <summary>The user's dashboard and a coalesced stream of its changes; other users' instances never appear.</summary>
    Task<DashboardSubscription> SubscribeAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Installs the template for the user, or returns the instance they already have.</summary>
    Task<OperationResult> InstallAsync(string userId, TemplateRef template, CancellationToken cancellationToken);

    Task<OperationResult> PauseAsync(string userId, InstanceRef instance, CancellationToken cancellationToken);

    Task<OperationResult> RecoverAsync(string userId, InstanceRef instance, CancellationToken cancellationToken);

    Task<OperationResult> RestartAsync(string userId, InstanceRef instance, CancellationToken cancellationToken);

    Task<OperationResult> UninstallAsync(string userId, InstanceRef instance, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the user's record of an instance shown as <see cref="InstanceState.Missing"/> (and their Logto entry);
    /// touches no GameServer. Refused with <see cref="OperationError.InstanceExists"/> for an instance that exists.
    /// </summary>
    Task<OperationResult> RemoveAsync(string userId, InstanceRef instance, CancellationToken cancellationToken);

    /// <summary>
    /// Postpones the idle pause of the user's running instance by <paramref name="duration"/> from now (one of
    /// <see cref="Idle.IdleStatus.KeepRunningChoices"/>; never shortening a postponement in force), stored on its GameServer
    /// (<c>aigc-gateway.io/keep-running-until</c>) so every replica honours it. Owner only, running only, within the
    /// template's <c>aigc-gateway.io/max-keep-running</c>; refusals: <see cref="OperationError.NotOwner"/>,
    /// <see cref="OperationError.NotRunning"/>, <see cref="OperationError.IdleNotGoverned"/>,
    /// <see cref="OperationError.KeepRunningInvalid"/>, <see cref="OperationError.KeepRunningTooLong"/>.
    /// </summary>
    Task<OperationResult> KeepRunningAsync(string userId, InstanceRef instance, TimeSpan duration, CancellationToken cancellationToken);
}
