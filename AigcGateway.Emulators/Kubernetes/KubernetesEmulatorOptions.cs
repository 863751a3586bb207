namespace AigcGateway.Emulators.Kubernetes;

/// <summary>Settings of the Kubernetes API emulator and its OpenKruiseGame controller simulation.</summary>
public sealed record KubernetesEmulatorOptions
{
    /// <summary>Create the demo templates (three conforming, one non-conforming) in <see cref="DemoNamespace"/>.</summary>
    public bool SeedDemo { get; init; }

    /// <summary>Namespace of the demo templates.</summary>
    public string DemoNamespace { get; init; } = "aigc";

    /// <summary>Suffix of the demo instance hosts: <c>sd-gpu-&lt;id&gt;.{suffix}</c>.</summary>
    public string DemoHostSuffix { get; init; } = "aigc.test";

    /// <summary>
    /// Publish the demo instances on the dashboard's own host, one path per instance
    /// (<c>&lt;dashboard&gt;/demo-instances/sd-gpu-&lt;id&gt;/</c>), instead of one host per instance below
    /// <see cref="DemoHostSuffix"/>: on a laptop no DNS resolves instance hosts, but the dashboard's address works.
    /// </summary>
    public bool DemoInstancesOnDashboardHost { get; init; }

    /// <summary>Where demo instances live on the dashboard host when <see cref="DemoInstancesOnDashboardHost"/> is set.</summary>
    public const string DemoInstancePathPrefix = "/demo-instances";

    /// <summary>
    /// Port appended to the demo instance hosts (<c>sd-gpu-&lt;id&gt;.{suffix}:{port}</c>) when the ingress in front of
    /// them does not listen on the scheme's default port (tests with nginx on a loopback port).
    /// </summary>
    public int? DemoInstancePort { get; init; }

    /// <summary>Dashboard URL the demo templates' forward-auth annotations point at.</summary>
    public Uri DashboardUrl { get; init; } = new("http://localhost:5000");

    /// <summary>Time from pod creation to scheduling (events Scheduled, Pulling).</summary>
    public TimeSpan ScheduleDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time from scheduling to a running, ready container (events Pulled, Created, Started).</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Time from ErrImagePull to ImagePullBackOff under the image-pull fault.</summary>
    public TimeSpan BackOffDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Interval of BOOKMARK events on watches that allow them: the watch cache's cadence, about once a minute. A client
    /// must never wait for one (a server without the watch cache sends none).
    /// </summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Add the <c>kubernetes.io/pvc-protection</c> finalizer to every PVC, as the real admission does: a deleted PVC stays
    /// Terminating until no pod uses it.
    /// </summary>
    public bool PvcProtection { get; init; } = true;

    /// <summary>
    /// How long the pvc-protection controller takes to notice a PVC it may release (it works from a watch, like the real
    /// one): a client that reads a PVC back right after deleting it finds it still there.
    /// </summary>
    public TimeSpan PvcProtectionDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a scheduled pod stays Terminating after a DELETE without a grace period of its own (when its spec has no
    /// <c>terminationGracePeriodSeconds</c>): the real default is 30 s, and the simulated containers use all of it.
    /// An unscheduled pod goes at once.
    /// </summary>
    public TimeSpan TerminationGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events are deleted this long after their last change (the API server's <c>--event-ttl</c>, one hour by default).</summary>
    public TimeSpan EventTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Number of changes retained for watches; older resource versions answer 410.</summary>
    public int HistoryCapacity { get; init; } = 20_000;

    /// <summary>Write back reserve lists as plain integers, as OKG before 1.0 did (default: compressed ranges).</summary>
    public bool PlainIntReserveIds { get; init; }

    /// <summary>Clock for timestamps and state delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Options for tests: no state delays, pods deleted without a grace period (tests that need one set it).</summary>
    public static KubernetesEmulatorOptions ForTests { get; } = new()
    {
        ScheduleDelay = TimeSpan.Zero,
        StartDelay = TimeSpan.Zero,
        BackOffDelay = TimeSpan.Zero,
        TerminationGracePeriod = TimeSpan.Zero,
    };
}
