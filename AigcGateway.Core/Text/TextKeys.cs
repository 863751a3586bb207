using AigcGateway.Core.Administration;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Core.Text;

// Every switch below names every member and has no discard arm: a member added without a text does not compile
// (CS8509), and renaming a member keeps its key. CS8524 only asks for an arm for values no member names.
#pragma warning disable CS8524

/// <summary>
/// The resource-key stem of each member of the enums people read text for (e.g. <c>Instance_State_</c> + stem in the
/// Web resources). The stems are constants, not enum names: renaming a member cannot silently lose its text.
/// </summary>
public static class TextKeys
{
    public static string Of(ConformanceCode code) => code switch
    {
        ConformanceCode.ReserveIdsRequired => "ReserveIdsRequired",
        ConformanceCode.ScaleDownDeletesData => "ScaleDownDeletesData",
        ConformanceCode.InvalidReserveIds => "InvalidReserveIds",
        ConformanceCode.InvalidOwnershipRecord => "InvalidOwnershipRecord",
        ConformanceCode.NoDataVolume => "NoDataVolume",
        ConformanceCode.CannotBeProtected => "CannotBeProtected",
        ConformanceCode.IconNotAccepted => "IconNotAccepted",
        ConformanceCode.DisplayTextTooLong => "DisplayTextTooLong",
        ConformanceCode.DisplayTextHidden => "DisplayTextHidden",
        ConformanceCode.AuthUrlMissing => "AuthUrlMissing",
        ConformanceCode.AuthUrlElsewhere => "AuthUrlElsewhere",
        ConformanceCode.HostBindingMissing => "HostBindingMissing",
        ConformanceCode.AuthSigninMissing => "AuthSigninMissing",
        ConformanceCode.AuthSigninElsewhere => "AuthSigninElsewhere",
        ConformanceCode.InstanceIdMissing => "InstanceIdMissing",
        ConformanceCode.PathPrefixAmbiguous => "PathPrefixAmbiguous",
        ConformanceCode.IdentityHeaderNotReplaced => "IdentityHeaderNotReplaced",
        ConformanceCode.AccessCookieReachesEngine => "AccessCookieReachesEngine",
    };

    public static string Of(DiagnosticReason reason) => reason switch
    {
        DiagnosticReason.NoFreeGpu => "NoFreeGpu",
        DiagnosticReason.NoFreeCapacity => "NoFreeCapacity",
        DiagnosticReason.ImageCannotBePulled => "ImageCannotBePulled",
        DiagnosticReason.VolumeCannotBeMounted => "VolumeCannotBeMounted",
        DiagnosticReason.Crashing => "Crashing",
        DiagnosticReason.NetworkNotReady => "NetworkNotReady",
        DiagnosticReason.SlowStart => "SlowStart",
        DiagnosticReason.OperationFailed => "OperationFailed",
        DiagnosticReason.IdCorrected => "IdCorrected",
        DiagnosticReason.Unknown => "Unknown",
    };

    public static string Of(OperationError error) => error switch
    {
        OperationError.NotReady => "NotReady",
        OperationError.TemplateNotFound => "TemplateNotFound",
        OperationError.TemplateNotInstallable => "TemplateNotInstallable",
        OperationError.NotInstalled => "NotInstalled",
        OperationError.NotOwner => "NotOwner",
        OperationError.NotRunning => "NotRunning",
        OperationError.Busy => "Busy",
        OperationError.ClusterError => "ClusterError",
        OperationError.InstanceMissing => "InstanceMissing",
        OperationError.AffectsOthers => "AffectsOthers",
        OperationError.InstanceExists => "InstanceExists",
        OperationError.IdleNotGoverned => "IdleNotGoverned",
        OperationError.KeepRunningInvalid => "KeepRunningInvalid",
        OperationError.KeepRunningTooLong => "KeepRunningTooLong",
    };

    public static string Of(InstanceState state) => state switch
    {
        InstanceState.NotInstalled => "NotInstalled",
        InstanceState.Installing => "Installing",
        InstanceState.Starting => "Starting",
        InstanceState.Running => "Running",
        InstanceState.Pausing => "Pausing",
        InstanceState.Paused => "Paused",
        InstanceState.Recovering => "Recovering",
        InstanceState.Restarting => "Restarting",
        InstanceState.Uninstalling => "Uninstalling",
        InstanceState.Failed => "Failed",
        InstanceState.Missing => "Missing",
    };

    public static string Of(AdoptionConflictKind kind) => kind switch
    {
        AdoptionConflictKind.Malformed => "Malformed",
        AdoptionConflictKind.TemplateGone => "TemplateGone",
        AdoptionConflictKind.IdOwnedByOtherUser => "IdOwnedByOtherUser",
        AdoptionConflictKind.ClaimedByOtherUserToo => "ClaimedByOtherUserToo",
        AdoptionConflictKind.UserOwnsOtherInstance => "UserOwnsOtherInstance",
        AdoptionConflictKind.AmbiguousEntries => "AmbiguousEntries",
        AdoptionConflictKind.OwnershipRecordUnreadable => "OwnershipRecordUnreadable",
        AdoptionConflictKind.Missing => "Missing",
        AdoptionConflictKind.AdoptionFailed => "AdoptionFailed",
    };

    public static string Of(MigrationActionOutcome outcome) => outcome switch
    {
        MigrationActionOutcome.Done => "Done",
        MigrationActionOutcome.InstanceMissing => "InstanceMissing",
        MigrationActionOutcome.UserOwnsOtherInstance => "UserOwnsOtherInstance",
        MigrationActionOutcome.TemplateGone => "TemplateGone",
        MigrationActionOutcome.ClusterFailed => "ClusterFailed",
        MigrationActionOutcome.LogtoFailed => "LogtoFailed",
        MigrationActionOutcome.NotAvailable => "NotAvailable",
    };

    public static string Of(TemplateDeletionStage stage) => stage switch
    {
        TemplateDeletionStage.Marking => "Marking",
        TemplateDeletionStage.StoppingInstances => "StoppingInstances",
        TemplateDeletionStage.DeletingVolumes => "DeletingVolumes",
        TemplateDeletionStage.CleaningUserData => "CleaningUserData",
        TemplateDeletionStage.DeletingTemplate => "DeletingTemplate",
        TemplateDeletionStage.Done => "Done",
    };
}
