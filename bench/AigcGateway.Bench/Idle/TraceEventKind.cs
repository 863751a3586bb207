namespace AigcGateway.Bench.Idle;

internal enum TraceEventKind
{
    /// <summary>The user starts working in the instance (launching or recovering it when it does not run).</summary>
    SessionStart,

    /// <summary>A request reaches forward auth.</summary>
    Request,

    /// <summary>The user presses Keep running.</summary>
    KeepRunning,

    /// <summary>The user presses Pause.</summary>
    Pause,
}
