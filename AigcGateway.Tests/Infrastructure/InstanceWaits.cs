using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Infrastructure;

public static class InstanceWaits
{
    /// <summary>Waits until the cache has listed the cluster once.</summary>
    public static async Task WaitForReadyAsync(this IInstanceService instances, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        await using var subscription = await instances.SubscribeAsync("readiness-probe", cts.Token);
        if (subscription.Snapshot.IsReady)
        {
            return;
        }

        await foreach (var dashboard in subscription.Changes.WithCancellation(cts.Token))
        {
            if (dashboard.IsReady)
            {
                return;
            }
        }
    }

    /// <summary>Waits (on the user's change stream, not by polling) until the user's instance of the template is in the state.</summary>
    public static async Task<Instance> WaitForStateAsync(
        this IInstanceService instances, string userId, TemplateRef template, InstanceState state, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        await using var subscription = await instances.SubscribeAsync(userId, cts.Token);
        if (subscription.Snapshot.InstanceOf(template) is { } now && now.State == state)
        {
            return now;
        }

        try
        {
            await foreach (var dashboard in subscription.Changes.WithCancellation(cts.Token))
            {
                if (dashboard.InstanceOf(template) is { } instance && instance.State == state)
                {
                    return instance;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        var last = instances.GetDashboard(userId).InstanceOf(template);
        throw new TimeoutException($"{userId}'s instance of {template} did not reach {state}; it is {last?.State.ToString() ?? "not installed"} ({last?.Diagnostic?.Reason})");
    }
}
