namespace AigcGateway.Core.Administration;

/// <summary>How an administrator's decision on a migration conflict ended.</summary>
public enum MigrationActionOutcome
{
    Done,

    /// <summary>No instance exists for the id: it cannot be given to anyone, only the claim dropped.</summary>
    InstanceMissing,

    /// <summary>The user already owns another instance of the template; drop one of the two first.</summary>
    UserOwnsOtherInstance,

    /// <summary>The template is not in the catalog.</summary>
    TemplateGone,

    /// <summary>The ownership record could not be written (the cluster failed or kept changing); try again.</summary>
    ClusterFailed,

    /// <summary>The decision was recorded, but a Logto entry could not be changed; the mirror repairs it later.</summary>
    LogtoFailed,

    /// <summary>Logto is not configured, or the claim names no instance.</summary>
    NotAvailable,
}
