namespace AigcGateway.Core.Users;

/// <summary>Why a Logto entry was not adopted.</summary>
public enum AdoptionConflictKind
{
    /// <summary>The value cannot be read.</summary>
    Malformed,

    /// <summary>The template is not (any more) in the catalog.</summary>
    TemplateGone,

    /// <summary>The ownership record gives the id to another user.</summary>
    IdOwnedByOtherUser,

    /// <summary>Several users claim the same free id.</summary>
    ClaimedByOtherUserToo,

    /// <summary>The ownership record already gives the user another id of this template.</summary>
    UserOwnsOtherInstance,

    /// <summary>The user has several entries for one template with different ids.</summary>
    AmbiguousEntries,

    /// <summary>The template's ownership record cannot be read: nothing is adopted into it until an administrator repairs it.</summary>
    OwnershipRecordUnreadable,

    /// <summary>
    /// No instance exists for the id: it has neither a GameServer nor a reservation (the earlier gateway's entry
    /// outlived its instance, or names an id OKG never created). Adopting it would let operations act on an id OKG
    /// does not run, so only dropping the claim is offered.
    /// </summary>
    Missing,

    /// <summary>The entry was adoptable, but the cluster did not accept the ownership record (an error, or repeated conflicts).</summary>
    AdoptionFailed,
}
