using System.Collections.Immutable;

namespace AigcGateway.Bench.Idle;

/// <summary>
/// Generates the users' days from one seed. The distributions (minutes unless said; a working day in an office that
/// generates images and videos on shared GPUs):
/// <list type="bullet">
/// <item>90 % of users work with their instance today; arrival ~ N(09:00, 40) clamped to 07:30-10:30; the working day
///   ~ N(8.5 h, 40) clamped to 6-10.5 h.</item>
/// <item>The day alternates work blocks ~ U(30, 120) with breaks: lunch ~ U(30, 75) (the first break after 11:45),
///   meetings ~ U(30, 90) (25 % of the other breaks), coffee ~ U(5, 20). The first block is in the instance (it launches
///   it); later ones are in the instance with p = 0.65, else other work at the desk.</item>
/// <item>In the instance: forward-auth requests (prompts queued, results fetched) with exponential gaps, mean 90 s; 40 %
///   start a generation busy on the GPU for U(5, 60) s. Opening the tab is a page load: 15 requests in 3 s including
///   the websocket handshake.</item>
/// <item>The tab stays open after a block with p = 0.6 and over night (browser left open when leaving) with p = 0.5.
///   An open tab keeps its websocket with keepalive frames every 30 s (no forward-auth request: nginx asks once per
///   connection) and reconnects, one page of requests, at exponential intervals of mean 2 h (proxy and NAT idle
///   timeouts, ingress reloads, Wi-Fi changes).</item>
/// <item>30 % of users start a long job (batch, video, fine-tune) at the end of a block (the last one with p = 0.5):
///   log-normal, median 100 min, sigma 0.7, clamped to 20 min-10 h; the tab is closed with it with p = 0.7.</item>
/// <item>Before a lunch or meeting of 45 min or more that follows work in the instance, 20 % press Keep running for the
///   whole hours it needs; 50 % of users press Keep running (1 h) when the warning shows while they sit at their desk;
///   35 % press Pause when leaving (unless a job still runs), 3 % press Keep running 8 h instead.</item>
/// </list>
/// </summary>
internal static class TraceGenerator
{
    private static readonly TimeSpan ReconnectMean = TimeSpan.FromHours(2);
    private static readonly TimeSpan RequestGapMean = TimeSpan.FromSeconds(90);

    public static ImmutableArray<ActivityTrace> Generate(IdleDayOptions options) =>
        [.. Enumerable.Range(0, options.Users).Select(user => Generate(options, user))];

    public static ActivityTrace Generate(IdleDayOptions options, int user)
    {
        var random = new Random(unchecked((options.Seed * 7919) + user));
        if (random.NextDouble() >= 0.9)
        {
            return new ActivityTrace { User = user };
        }

        var day = new DayBuilder(options, random);
        var arrival = options.Start.Date + TimeSpan.FromHours(9) + Minutes(Clamp(Normal(random, 0, 40), -90, 90));
        var arrive = new DateTimeOffset(arrival.Ticks, options.Start.Offset);
        var leave = arrive + TimeSpan.FromHours(Clamp(Normal(random, 8.5, 0.67), 6, 10.5));
        var lunchFrom = options.Start.Date + TimeSpan.FromHours(11.75);
        var lunched = false;
        var inInstance = true;
        var jobAtLast = random.NextDouble() < 0.3 && random.NextDouble() < 0.5;
        var jobEarlier = !jobAtLast && random.NextDouble() < 0.3 / (1 - 0.15);
        var now = arrive;
        while (now < leave)
        {
            var end = Min(now + Minutes(Uniform(random, 30, 120)), leave);
            var last = end >= leave;
            if (inInstance)
            {
                day.WorkInInstance(now, end);
                if ((last && jobAtLast) || (!last && jobEarlier && random.NextDouble() < 0.35))
                {
                    day.StartJob(end);
                    jobEarlier = false;
                }
            }
            else
            {
                day.AtDesk(now, end);
            }

            if (last)
            {
                break;
            }

            var isLunch = !lunched && end.DateTime >= lunchFrom;
            lunched |= isLunch;
            var length = isLunch ? Uniform(random, 30, 75) : random.NextDouble() < 0.25 ? Uniform(random, 30, 90) : Uniform(random, 5, 20);
            if (inInstance && length >= 45 && random.NextDouble() < 0.2)
            {
                day.KeepRunning(end, TimeSpan.FromHours(Math.Ceiling(length / 60)));
            }

            now = end + Minutes(length);
            inInstance = random.NextDouble() < 0.65;
        }

        day.Leave(arrive, Min(now, leave));
        return day.Build(user);
    }

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    private static double Uniform(Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    private static double Clamp(double value, double min, double max) => Math.Min(Math.Max(value, min), max);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Box-Muller.</summary>
    public static double Normal(Random random, double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>An exponential wait of the given mean.</summary>
    public static TimeSpan Exponential(Random random, TimeSpan mean) => mean * -Math.Log(1 - random.NextDouble());

    internal static TimeSpan ReconnectInterval(Random random) => Exponential(random, ReconnectMean);

    internal static TimeSpan RequestGap(Random random) => Exponential(random, RequestGapMean);
}
