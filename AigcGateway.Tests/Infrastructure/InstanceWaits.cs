using System.Globalization;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>
/// Waits on a user's live dashboard (its change stream, not by polling). Every wait ends in one of two ways: the
/// condition holds, or a <see cref="TimeoutException"/> that names what was awaited and the last dashboard seen.
/// The change stream itself just ends when it is cancelled, so a loop over it alone would pass on timeout.
/// </summary>
public static class InstanceWaits
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Waits until the cache has listed the cluster once.</summary>
    public static Task WaitForReadyAsync(this IInstanceService instances, TimeSpan? timeout = null) =>
        instances.WaitForDashboardAsync("readiness-probe", d => d.IsReady, "the cluster cache to be ready", timeout);

    /// <summary>Waits until the user's instance of the template is in the state.</summary>
    public static async Task<Instance> WaitForStateAsync(
        this IInstanceService instances, string userId, TemplateRef template, InstanceState state, TimeSpan? timeout = null)
    {
        var dashboard = await instances.WaitForDashboardAsync(
            userId, d => d.InstanceOf(template)?.State == state, $"{userId}'s instance of {template} to be {state}", timeout);
        return dashboard.InstanceOf(template)!;
    }

    /// <summary>Subscribes to the user's dashboard and waits until <paramref name="condition"/> holds.</summary>
    public static async Task<UserDashboard> WaitForDashboardAsync(
        this IInstanceService instances, string userId, Func<UserDashboard, bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(instances);
        await using var subscription = await instances.SubscribeAsync(userId, Xunit.TestContext.Current.CancellationToken);
        return await subscription.WaitForAsync(condition, what, timeout);
    }

    /// <summary>
    /// Waits until the subscription's snapshot or one of its later changes satisfies <paramref name="condition"/>;
    /// throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when it does not within the timeout.
    /// </summary>
    public static async Task<UserDashboard> WaitForAsync(
        this DashboardSubscription subscription, Func<UserDashboard, bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(condition);
        var last = subscription.Snapshot;
        if (condition(last))
        {
            return last;
        }

        var limit = timeout ?? DefaultTimeout;
        var test = Xunit.TestContext.Current.CancellationToken;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(test);
        cts.CancelAfter(limit);
        try
        {
            await foreach (var dashboard in subscription.Changes.WithCancellation(cts.Token))
            {
                last = dashboard;
                if (condition(dashboard))
                {
                    return dashboard;
                }
            }
        }
        catch (OperationCanceledException) when (!test.IsCancellationRequested)
        {
            // the timeout: reported below
        }

        test.ThrowIfCancellationRequested();
        var ended = cts.IsCancellationRequested ? $"within {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : "before the change stream ended";
        throw new TimeoutException($"Timed out waiting for {what}: it did not happen {ended}. Last dashboard: {Describe(last)}");
    }

    /// <summary>The dashboard in one line: readiness and each instance with its state and diagnostic.</summary>
    public static string Describe(UserDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var instances = dashboard.Instances.IsDefaultOrEmpty
            ? "no instances"
            : string.Join(", ", dashboard.Instances.Select(i => $"{i.Ref} {i.State}{(i.Diagnostic is { } d ? $" ({d.Reason})" : "")}"));
        return $"{(dashboard.IsReady ? "ready" : "not ready")}, {instances}";
    }
}
