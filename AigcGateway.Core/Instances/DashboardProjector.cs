using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Idle;

namespace AigcGateway.Core.Instances;

/// <summary>Projects the cluster snapshot onto one user: the catalog and that user's instances only (pure).</summary>
internal static class DashboardProjector
{
    public static UserDashboard Project(
        ClusterSnapshot snapshot,
        ImmutableDictionary<InstanceRef, PendingMarker> pending,
        string userId,
        DateTimeOffset now,
        bool forceHttps,
        TimeSpan? slowStart = null,
        Func<InstanceRef, DateTimeOffset?>? lastActivity = null,
        TimeSpan? defaultIdleTimeout = null)
    {
        var templates = snapshot.Templates.Values
            .Select(t => t.Template)
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(t => t.Ref.ToString(), StringComparer.Ordinal)
            .ToImmutableArray();
        var instances = ImmutableArray.CreateBuilder<Instance>();
        var seen = new HashSet<InstanceRef>();
        foreach (var state in snapshot.Templates.Values)
        {
            ImmutableSortedSet<int>? running = null;
            foreach (var (id, owner) in state.Owners)
            {
                if (!string.Equals(owner, userId, StringComparison.Ordinal))
                {
                    continue;
                }

                var instance = new InstanceRef(state.Ref, id);
                seen.Add(instance);
                running ??= OkgSettlement.Running(state, OkgSettlement.Present(snapshot, state.Ref));
                var built = Build(snapshot, state, instance, owner, pending.GetValueOrDefault(instance), now, forceHttps, slowStart, lastActivity,
                    running.Contains(id), defaultIdleTimeout);
                if (built.State != InstanceState.NotInstalled)
                {
                    instances.Add(built);
                }
            }
        }

        foreach (var (instance, marker) in pending)
        {
            // an install (or a failed uninstall) whose record the cache does not show
            if (!seen.Contains(instance) && snapshot.Templates.TryGetValue(instance.Template, out var state)
                && (marker.Operation == PendingOperation.Install || marker.Failure is not null))
            {
                instances.Add(Build(snapshot, state, instance, userId, marker, now, forceHttps, slowStart, lastActivity, expected: true, defaultIdleTimeout));
            }
        }

        return new UserDashboard(
            snapshot.Version,
            snapshot.IsReady,
            templates,
            [.. instances.OrderBy(i => i.Ref.Template.ToString(), StringComparer.Ordinal).ThenBy(i => i.Ref.Id)])
        {
            ClusterUnreachableSince = snapshot.UnreachableSince,
        };
    }

    private static Instance Build(
        ClusterSnapshot snapshot,
        Templates.TemplateState state,
        InstanceRef instance,
        string owner,
        PendingMarker? marker,
        DateTimeOffset now,
        bool forceHttps,
        TimeSpan? slowStart,
        Func<InstanceRef, DateTimeOffset?>? lastActivity,
        bool expected,
        TimeSpan? defaultIdleTimeout)
    {
        var gs = snapshot.GameServer(instance);
        var pod = snapshot.Pods.GetValueOrDefault(instance);
        var facts = new InstanceFacts
        {
            Owner = state.Owners.GetValueOrDefault(instance.Id),
            Reserved = state.Reserved.Contains(instance.Id),
            GameServer = gs,
            Pod = pod,
            HasDataVolume = snapshot.HasDataVolume(state, instance.Id),
            Pending = marker,
            ExpectedByController = expected,
            Diagnostics = new DiagnosticInputs
            {
                Pod = pod,
                Events = snapshot.Events.GetValueOrDefault(instance, []),
                StartedAt = gs?.Created,
            },
        };
        var (instanceState, diagnostic) = InstanceStateDeriver.Derive(facts, now, slowStart);
        var stamped = lastActivity?.Invoke(instance);
        IdleStatus? idle = null;
        if (instanceState == InstanceState.Running)
        {
            var inputs = IdleFacts.Inputs(state.Template, gs, instanceState, marker, stamped, defaultIdleTimeout);
            idle = IdleStatus.From(IdlePolicy.Decide(inputs, now), inputs.Settings);
        }

        return new Instance
        {
            Ref = instance,
            Owner = owner,
            State = instanceState,
            Url = instanceState == InstanceState.Running && gs is not null ? VisitUrl.Build(state.Template.Network, gs, forceHttps) : null,
            Diagnostic = diagnostic,
            Created = gs?.Created,
            LastActivity = IdleFacts.LatestActivity(stamped, gs),
            Idle = idle,
            AutoPause = instanceState == InstanceState.Paused ? state.AutoPauses.GetValueOrDefault(instance.Id) : null,
            Startup = StartupFacts.From(gs, pod),
        };
    }
}
