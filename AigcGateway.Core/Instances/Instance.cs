using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>A user's instance of a template, as derived from the cluster and the ownership record.</summary>
public sealed record Instance
{
    public required InstanceRef Ref { get; init; }

    /// <summary>The owner's Logto user id.</summary>
    public required string Owner { get; init; }

    public required InstanceState State { get; init; }

    /// <summary>Where the user opens the instance; set once the network is ready.</summary>
    public Uri? Url { get; init; }

    /// <summary>Why the instance is failed or slow, with a next step; null when all is well.</summary>
    public InstanceDiagnostic? Diagnostic { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? LastActivity { get; init; }

    /// <summary>How far starting has come (from the pod and GameServer); null before either exists.</summary>
    public StartupFacts? Startup { get; init; }
}
