using AigcGateway.Core.Idle;

namespace AigcGateway.Bench.Idle;

/// <summary>The simulated day: one set of traces, run through no policy, the traffic-only culler and the gateway's policy.</summary>
internal static class IdleDay
{
    public static IdleDayResult Run(IdleDayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var traces = TraceGenerator.Generate(options);
        PolicyOutcome Sum(string policy, Func<Microsoft.Extensions.Time.Testing.FakeTimeProvider, IPauseRule> rule) =>
            traces.Select(trace => InstanceSimulation.Run(options, trace, policy, rule)).Aggregate(new PolicyOutcome(policy), (a, b) => a + b);

        return new IdleDayResult(
            options,
            Sum("no policy", _ => new NoPolicy()),
            Sum($"traffic-only culler ({Format(options.CullerTimeout)})", _ => new TrafficCuller(options.CullerTimeout)),
            Sum($"gateway policy ({Format(options.GatewayTimeout)}, busy > {IdleSettings.DefaultBusyGpuPercent:0} %)", clock => new GatewayRule(clock, options.GatewayTimeout)));
    }

    public static string Format(TimeSpan timeout) =>
        timeout.TotalMinutes % 60 == 0 ? $"{timeout.TotalHours:0} h" : $"{timeout.TotalMinutes:0} min";
}
