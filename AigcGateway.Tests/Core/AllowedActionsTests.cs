using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

/// <summary>The one policy for instance actions, state by state and action by action, for the owner and for administrators.</summary>
public sealed class AllowedActionsTests
{
    private const InstanceAction I = InstanceAction.Install, V = InstanceAction.Visit, P = InstanceAction.Pause,
        Rc = InstanceAction.Recover, Rs = InstanceAction.Restart, U = InstanceAction.Uninstall, Rm = InstanceAction.Remove;

    /// <summary>A failed instance whose last operation did not complete (e.g. an uninstall the cluster refused).</summary>
    private const string OperationFailed = "FailedOperation";

    /// <summary>A running instance with an address to visit.</summary>
    private const string Reachable = "RunningReachable";

    private static readonly ImmutableDictionary<string, (InstanceAction[] Owner, InstanceAction[] Administrator)> Table =
        new Dictionary<string, (InstanceAction[], InstanceAction[])>
        {
            [nameof(InstanceState.NotInstalled)] = ([I], []),
            [nameof(InstanceState.Installing)] = ([P, U], [P, Rs, U]),
            [nameof(InstanceState.Starting)] = ([P, Rs, U], [P, Rs, U]),
            [nameof(InstanceState.Running)] = ([P, Rs, U], [P, Rs, U]),
            [Reachable] = ([V, P, Rs, U], [P, Rs, U]),
            [nameof(InstanceState.Pausing)] = ([], [U]),
            [nameof(InstanceState.Paused)] = ([Rc, U], [Rc, U]),
            [nameof(InstanceState.Recovering)] = ([P, U], [P, Rs, U]),
            [nameof(InstanceState.Restarting)] = ([U], [P, Rs, U]),
            [nameof(InstanceState.Uninstalling)] = ([], [P, Rs, U]),
            [nameof(InstanceState.Failed)] = ([P, Rs, U], [P, Rs, U]),
            [OperationFailed] = ([Rc, U], [Rc, U]),
            [nameof(InstanceState.Missing)] = ([Rm], [Rm]),
        }.ToImmutableDictionary();

    public static TheoryData<string, InstanceAction, ActionViewer> Cases =>
    [
        .. from row in Table.Keys
           from action in Enum.GetValues<InstanceAction>()
           from viewer in Enum.GetValues<ActionViewer>()
           select (row, action, viewer),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_state_allows_exactly_the_actions_in_the_table(string row, InstanceAction action, ActionViewer viewer)
    {
        var expected = viewer == ActionViewer.Owner ? Table[row].Owner : Table[row].Administrator;

        AllowedActions.For(viewer, InstanceIn(row), templateInstallable: true).Contains(action).ShouldBe(expected.Contains(action));
    }

    [Fact]
    public void The_table_covers_every_state()
    {
        Enum.GetValues<InstanceState>().Select(s => s.ToString()).ShouldBeSubsetOf(Table.Keys);
    }

    [Theory]
    [InlineData(ActionViewer.Owner)]
    [InlineData(ActionViewer.Administrator)]
    public void Nothing_is_offered_for_a_template_that_cannot_be_installed_without_an_instance(ActionViewer viewer)
    {
        AllowedActions.For(viewer, null, templateInstallable: false).ShouldBeEmpty();
    }

    [Fact]
    public void The_owner_sees_the_actions_in_the_order_of_the_buttons()
    {
        AllowedActions.For(ActionViewer.Owner, InstanceIn(Reachable), templateInstallable: true).ShouldBe([V, P, Rs, U]);
        AllowedActions.For(ActionViewer.Owner, InstanceIn(nameof(InstanceState.Failed)), templateInstallable: true).ShouldBe([Rs, P, U]);
    }

    private static Instance? InstanceIn(string row)
    {
        var state = row switch
        {
            Reachable => InstanceState.Running,
            OperationFailed => InstanceState.Failed,
            _ => Enum.Parse<InstanceState>(row),
        };
        return state == InstanceState.NotInstalled ? null : new Instance
        {
            Ref = new InstanceRef(new TemplateRef("aigc", "sd-webui"), 0),
            Owner = "user-alice",
            State = state,
            Url = row == Reachable ? new Uri("https://sd-webui-0.aigc.test/") : null,
            Diagnostic = row == OperationFailed ? new InstanceDiagnostic(DiagnosticReason.OperationFailed) : null,
        };
    }
}
