using AigcGateway.Core.Idle;

namespace AigcGateway.Bench.Idle;

/// <summary>Nothing is paused automatically (today's gateway, and Kubeflow's default).</summary>
internal sealed class NoPolicy : IPauseRule
{
    public void Started(DateTimeOffset at)
    {
    }

    public void Request(DateTimeOffset at)
    {
    }

    public void KeepRunning(DateTimeOffset at, TimeSpan requested)
    {
    }

    public void Restarted()
    {
    }

    public IdlePhase Check(DateTimeOffset now, bool framesFlowing, UsageSample sample) => IdlePhase.NotGoverned;
}
