using System.Threading.Channels;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Dashboard;

/// <summary>
/// A hand-written <see cref="IInstanceService"/>: <see cref="Push"/> sends a new dashboard through the subscription's
/// channel; every operation waits until the test completes it (<see cref="FakeOperation.Complete"/>).
/// </summary>
internal sealed class FakeInstanceService : IInstanceService
{
    private readonly Channel<UserDashboard> _changes = Channel.CreateUnbounded<UserDashboard>();
    private readonly Lock _lock = new();
    private readonly List<FakeOperation> _operations = [];

    public FakeInstanceService(UserDashboard initial) => Current = initial;

    public UserDashboard Current { get; private set; }

    public bool IsReady => Current.IsReady;

    public List<string> Subscribers { get; } = [];

    public int DisposedSubscriptions { get; private set; }

    public IReadOnlyList<FakeOperation> Operations
    {
        get
        {
            lock (_lock)
            {
                return [.. _operations];
            }
        }
    }

    /// <summary>Sends a change to the subscriber, as the cluster cache would.</summary>
    public void Push(UserDashboard dashboard)
    {
        Current = dashboard;
        _changes.Writer.TryWrite(dashboard).ShouldBeTrue();
    }

    public Task<DashboardSubscription> SubscribeAsync(string userId, CancellationToken cancellationToken)
    {
        Subscribers.Add(userId);
        return Task.FromResult(new DashboardSubscription(
            Current,
            _changes.Reader.ReadAllAsync(cancellationToken),
            () =>
            {
                DisposedSubscriptions++;
                return ValueTask.CompletedTask;
            }));
    }

    public Task<OperationResult> InstallAsync(string userId, TemplateRef template, CancellationToken cancellationToken) =>
        Start("install", userId, template, null);

    public Task<OperationResult> PauseAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        Start("pause", userId, instance.Template, instance);

    public Task<OperationResult> RecoverAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        Start("recover", userId, instance.Template, instance);

    public Task<OperationResult> RestartAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        Start("restart", userId, instance.Template, instance);

    public Task<OperationResult> UninstallAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        Start("uninstall", userId, instance.Template, instance);

    public Task<OperationResult> RemoveAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        Start("remove", userId, instance.Template, instance);

    public Task<OperationResult> KeepRunningAsync(string userId, InstanceRef instance, TimeSpan duration, CancellationToken cancellationToken) =>
        Start("keep-running " + AigcGateway.Core.Administration.TemplateManifestBuilder.FormatDuration(duration), userId, instance.Template, instance);

    private Task<OperationResult> Start(string name, string userId, TemplateRef template, InstanceRef? instance)
    {
        var operation = new FakeOperation(name, userId, template, instance);
        lock (_lock)
        {
            _operations.Add(operation);
        }

        return operation.Result;
    }
}
