namespace AigcGateway.Bench.Idle;

/// <summary>What one policy did over the simulated day, summed over the users (one GPU per instance).</summary>
internal sealed record PolicyOutcome(string Policy)
{
    /// <summary>GPU-hours of running (or starting) instances.</summary>
    public double RunningGpuHours { get; init; }

    /// <summary>GPU-hours of running instances nobody used: no job or generation on the GPU and its user not working in it.</summary>
    public double IdleGpuHours { get; init; }

    /// <summary>The part of <see cref="IdleGpuHours"/> after the user left for the day (or all of it for users not working today).</summary>
    public double IdleAfterLeavingGpuHours { get; init; }

    /// <summary>Automatic pauses.</summary>
    public int Pauses { get; init; }

    /// <summary>Automatic pauses while a job ran on the GPU (the job is lost).</summary>
    public int BusyPaused { get; init; }

    /// <summary>Automatic pauses the user ran into: paused while they worked in it, or found paused when they came back to it.</summary>
    public int Interruptions { get; init; }

    /// <summary>Automatic pauses within 5 minutes of the instance becoming running.</summary>
    public int PausedRightAfterStart { get; init; }

    /// <summary>Keep running presses when the warning showed.</summary>
    public int WarningsHeeded { get; init; }

    public static PolicyOutcome operator +(PolicyOutcome a, PolicyOutcome b) => a with
    {
        RunningGpuHours = a.RunningGpuHours + b.RunningGpuHours,
        IdleGpuHours = a.IdleGpuHours + b.IdleGpuHours,
        IdleAfterLeavingGpuHours = a.IdleAfterLeavingGpuHours + b.IdleAfterLeavingGpuHours,
        Pauses = a.Pauses + b.Pauses,
        BusyPaused = a.BusyPaused + b.BusyPaused,
        Interruptions = a.Interruptions + b.Interruptions,
        PausedRightAfterStart = a.PausedRightAfterStart + b.PausedRightAfterStart,
        WarningsHeeded = a.WarningsHeeded + b.WarningsHeeded,
    };
}
