namespace AigcGateway.Core.Users;

/// <summary>What writing an owner for a Logto entry did.</summary>
public enum AdoptionResult
{
    /// <summary>The owner was written.</summary>
    Adopted,

    /// <summary>The record already names this user; nothing was written.</summary>
    AlreadyOwned,

    /// <summary>Another user owns the id.</summary>
    OwnedByOtherUser,

    /// <summary>The id has neither a GameServer nor a reservation: there is no instance to give.</summary>
    Missing,

    /// <summary>The template is not in the catalog.</summary>
    TemplateGone,

    /// <summary>The user already owns another id of the template (one instance per user and template).</summary>
    UserOwnsOtherInstance,

    /// <summary>The cluster refused or failed the write; try again.</summary>
    Failed,
}
