using System.Collections.Concurrent;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Tests.Core;

/// <summary>In-memory Logto mirror: the last mapping per user and template, in the original's shape.</summary>
internal sealed class FakeMirror : IUserInstanceMirror
{
    public ConcurrentDictionary<(string User, TemplateRef Template), InstanceRef?> Entries { get; } = new();

    public Task RecordAsync(string userId, InstanceRef instance, CancellationToken cancellationToken)
    {
        Entries[(userId, instance.Template)] = instance;
        return Task.CompletedTask;
    }

    public Task ForgetAsync(string userId, TemplateRef template, CancellationToken cancellationToken)
    {
        Entries[(userId, template)] = null;
        return Task.CompletedTask;
    }
}
