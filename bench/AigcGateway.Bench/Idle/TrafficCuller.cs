using AigcGateway.Core.Idle;

namespace AigcGateway.Bench.Idle;

/// <summary>
/// What jupyterhub-idle-culler does: pause when the proxy has seen no traffic for the timeout. The proxy counts every
/// request and every websocket frame (configurable-http-proxy's last activity), so an open tab's keepalive is use; it
/// measures nothing on the GPU and offers no Keep running. Checked as often as the gateway checks (kinder than its
/// default period, half the timeout).
/// </summary>
internal sealed class TrafficCuller(TimeSpan timeout) : IPauseRule
{
    private DateTimeOffset _lastTraffic;

    public void Started(DateTimeOffset at) => _lastTraffic = at;

    public void Request(DateTimeOffset at) => _lastTraffic = at > _lastTraffic ? at : _lastTraffic;

    public void KeepRunning(DateTimeOffset at, TimeSpan requested)
    {
    }

    public void Restarted()
    {
        // the hub keeps last activity in its database
    }

    public IdlePhase Check(DateTimeOffset now, bool framesFlowing, UsageSample sample)
    {
        if (framesFlowing)
        {
            _lastTraffic = now;
        }

        return now - _lastTraffic >= timeout ? IdlePhase.PauseNow : IdlePhase.Running;
    }
}
