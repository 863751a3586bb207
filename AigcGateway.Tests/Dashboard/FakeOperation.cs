using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Dashboard;

/// <summary>One call to the fake service, running until the test completes it.</summary>
internal sealed class FakeOperation(string name, string userId, TemplateRef template, InstanceRef? instance)
{
    private readonly TaskCompletionSource<OperationResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public string UserId { get; } = userId;

    public TemplateRef Template { get; } = template;

    public InstanceRef? Instance { get; } = instance;

    public Task<OperationResult> Result => _completion.Task;

    public void Complete(OperationResult result) => _completion.SetResult(result);

    public void Succeed() => Complete(OperationResult.Ok(Instance ?? new InstanceRef(Template, 0)));

    public void Fail(OperationError error) => Complete(OperationResult.Fail(error, Instance));
}
