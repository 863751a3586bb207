namespace AigcGateway.Emulators.Kubernetes;

/// <summary>How the emulated API server is unreachable during an outage (<see cref="KubernetesEmulatorFaults.MakeUnreachableAsync"/>).</summary>
public enum UnreachableMode
{
    /// <summary>
    /// The API server is down or restarting: it stops listening (connections refused), open connections are reset, and
    /// when it is back its watch cache is rebuilt, so every watch resumed from an earlier version answers 410.
    /// </summary>
    Refused,

    /// <summary>Something in between (a load balancer, the network) resets every connection, open or new; nothing is lost.</summary>
    Reset,
}
