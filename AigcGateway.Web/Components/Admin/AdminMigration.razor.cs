using System.Collections.Immutable;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Text;
using AigcGateway.Core.Users;
using AigcGateway.Web.Components.Dashboard;
using Microsoft.AspNetCore.Components;

namespace AigcGateway.Web.Components.Admin;

/// <summary>
/// The move from the earlier gateway: the Logto entries adoption left to an administrator, with "give to" and
/// "drop claim" after a confirmation, and the state of the Logto mirror (queued writes, marks, last passes).
/// </summary>
public sealed partial class AdminMigration
{
    private MigrationReview? _review;
    private MirrorStatus _status = MirrorStatus.None;
    private ImmutableDictionary<string, string> _names = ImmutableDictionary<string, string>.Empty;
    private string? _message;
    private bool _messageIsError;
    private bool _busy;

    [Inject] public required IMigrationAdministration Migration { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Claims sorted by instance, so the claims on one instance are next to each other.</summary>
    private IEnumerable<AdoptionConflict> Claims => _review is null ? [] : _review.Conflicts
        .OrderBy(c => c.Instance?.Template.ToString() ?? c.Key, StringComparer.Ordinal)
        .ThenBy(c => c.Instance?.Id ?? -1)
        .ThenBy(c => NameOf(c.UserId), StringComparer.CurrentCulture);

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        if (Migration.IsAvailable)
        {
            await ReviewAsync();
        }
    }

    protected override void Refresh()
    {
        _status = Migration.Status();
    }

    private static string ClaimId(AdoptionConflict claim) => $"{claim.UserId}:{claim.Key}";

    private static bool CanGive(AdoptionConflict claim) => claim.Instance is not null && claim.Kind is AdoptionConflictKind.IdOwnedByOtherUser
        or AdoptionConflictKind.ClaimedByOtherUserToo or AdoptionConflictKind.AmbiguousEntries or AdoptionConflictKind.AdoptionFailed;

    private string NameOf(string userId) => _names.GetValueOrDefault(userId, userId);

    private string InstanceName(AdoptionConflict claim) => claim.Instance is { } instance
        ? L["Admin_Migration_InstanceName", instance.Template.ToString(), instance.Id]
        : L["Admin_Migration_NoInstance", claim.Key];

    private string QueuedText => _status.Queued.IsDefaultOrEmpty
        ? "0"
        : L["Admin_Migration_Queued_Value", _status.Queued.Length, RelativeTime.Ago(_status.Queued.Min(q => q.FirstFailed ?? q.DueAt), Now, L), _status.LastError ?? "—"];

    private string MarkedText => _status.MarkedEntries == 0
        ? "0"
        : L["Admin_Migration_Marked_Value", _status.MarkedEntries, _status.OldestMark is { } oldest ? RelativeTime.Ago(oldest, Now, L) : "—"];

    private string AdoptionText => _status.LastAdoption is not { Finished: { } finished } adoption
        ? L["Admin_Migration_NotHere"]
        : adoption.Error is { } error
            ? L["Admin_Migration_LastAdoption_Failed", RelativeTime.Ago(finished, Now, L), error]
            : L["Admin_Migration_LastAdoption_Value", RelativeTime.Ago(finished, Now, L), adoption.Adopted.Length, adoption.Conflicts.Length];

    private string DriftText => _status.LastDrift is not { Finished: { } finished } drift
        ? L["Admin_Migration_NotHere"]
        : L["Admin_Migration_LastDrift_Value", RelativeTime.Ago(finished, Now, L), drift.UsersChecked, drift.Drift.Count(d => d.Repaired), drift.Drift.Count(d => !d.Repaired)]
            + (drift.Deferred.IsDefaultOrEmpty ? "" : L["Admin_Migration_LastDrift_Deferred", string.Join(", ", drift.Deferred)]);

    private async Task ReviewAsync()
    {
        _busy = true;
        try
        {
            var review = await Migration.ReviewAsync(Stopping);
            var users = review.Conflicts.Select(c => c.UserId).Concat(review.Conflicts.Select(review.OwnerOf).OfType<string>());
            _names = _names.SetItems(await Admin.UserNamesAsync(users, Stopping));
            _review = review;
        }
        catch (OperationCanceledException)
        {
            // page closed
        }
        finally
        {
            _busy = false;
            Refresh();
        }
    }

    private async Task GiveAsync(AdoptionConflict claim)
    {
        var instance = InstanceName(claim);
        var owner = _review?.OwnerOf(claim);
        var text = owner is null || owner == claim.UserId
            ? L["Admin_Migration_Give_Text", NameOf(claim.UserId), instance]
            : L["Admin_Migration_Give_TextOwner", NameOf(claim.UserId), instance, NameOf(owner)];
        if (await Dialogs.ShowMessageBoxAsync(L["Admin_Migration_Give_Title", NameOf(claim.UserId), instance], text,
                yesText: L["Admin_Migration_Give", NameOf(claim.UserId)], cancelText: L["Dialog_Cancel"]) == true)
        {
            await ActAsync(() => Migration.GiveAsync(Actor, _review!, claim, Stopping));
        }
    }

    private async Task DropAsync(AdoptionConflict claim)
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Admin_Migration_Drop_Title", NameOf(claim.UserId)],
                L["Admin_Migration_Drop_Text", NameOf(claim.UserId), claim.Key],
                yesText: L["Admin_Migration_Drop"], cancelText: L["Dialog_Cancel"]) == true)
        {
            await ActAsync(() => Migration.DropClaimAsync(Actor, claim, Stopping));
        }
    }

    private async Task ActAsync(Func<Task<MigrationActionOutcome>> action)
    {
        _busy = true;
        MigrationActionOutcome outcome;
        try
        {
            outcome = await action();
        }
        finally
        {
            _busy = false;
        }

        _messageIsError = outcome != MigrationActionOutcome.Done;
        _message = L["Admin_Migration_Outcome_" + TextKeys.Of(outcome)];
        await ReviewAsync();
    }
}
