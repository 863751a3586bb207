using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Idle;

/// <summary>
/// An operation this replica started stays marked pending for up to <see cref="LifecycleOptions.PendingTimeout"/> after
/// it took effect; once the instance runs, that marker must not keep it out of the idle policy (no warning, no timer).
/// </summary>
public sealed class IdleFactsPendingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    private static readonly GameServerObservation RunningServer = new()
    {
        Id = 0,
        CurrentState = "Ready",
        NetworkState = "Ready",
        Created = Now.AddMinutes(-3),
    };

    private static IdleInputs Inputs(InstanceState state, PendingOperation operation) =>
        IdleFacts.Inputs(
            Core.TestTemplates.Template() with { IdleTimeout = TimeSpan.FromMinutes(30) },
            RunningServer,
            state,
            new PendingMarker(operation, Now.AddMinutes(-3)),
            stamped: null,
            defaultTimeout: null);

    [Theory]
    [InlineData(PendingOperation.Install)]
    [InlineData(PendingOperation.Recover)]
    [InlineData(PendingOperation.Restart)]
    public void A_finished_operation_whose_marker_lingers_does_not_exempt_the_running_instance(PendingOperation operation)
    {
        var inputs = Inputs(InstanceState.Running, operation);

        inputs.BeingOperatedOn.ShouldBeFalse();
        IdlePolicy.Decide(inputs, Now).PausesAt.ShouldBe(Now.AddMinutes(27));
    }

    [Fact]
    public void An_operation_still_under_way_exempts_it()
    {
        Inputs(InstanceState.Restarting, PendingOperation.Restart).BeingOperatedOn.ShouldBeTrue();
        Inputs(InstanceState.Pausing, PendingOperation.Pause).BeingOperatedOn.ShouldBeTrue();
    }
}
