using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Core.Instances;

/// <summary>Used when no Logto mirror is registered (e.g. tests of the core alone).</summary>
internal sealed class NullUserInstanceMirror : IUserInstanceMirror
{
    public Task RecordAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ForgetAsync(string userId, TemplateRef template, CancellationToken cancellationToken) => Task.CompletedTask;
}
