using AigcGateway.Core.Idle;

namespace AigcGateway.Bench.Idle;

/// <summary>One of the policies compared: what it is told as the day goes, and what it decides at each check.</summary>
internal interface IPauseRule
{
    /// <summary>The instance became running (launched or recovered).</summary>
    void Started(DateTimeOffset at);

    /// <summary>A request passed forward auth.</summary>
    void Request(DateTimeOffset at);

    /// <summary>The user pressed Keep running (rules without it ignore it).</summary>
    void KeepRunning(DateTimeOffset at, TimeSpan requested);

    /// <summary>The gateway restarted (a rolling update): what it kept in memory is gone.</summary>
    void Restarted();

    /// <summary>
    /// The periodic check of a running instance: <paramref name="framesFlowing"/> when an open tab's websocket carries
    /// keepalive frames, <paramref name="sample"/> what Prometheus measures of the pod now.
    /// </summary>
    IdlePhase Check(DateTimeOffset now, bool framesFlowing, UsageSample sample);
}
