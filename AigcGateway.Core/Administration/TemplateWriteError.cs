namespace AigcGateway.Core.Administration;

/// <summary>Why creating, updating or deleting a template failed.</summary>
public enum TemplateWriteError
{
    /// <summary>The manifest breaks a rule or a conformance error (see the problems).</summary>
    Invalid,

    /// <summary>A template with that name already exists.</summary>
    AlreadyExists,

    /// <summary>Someone changed the template since it was loaded; reload and edit again.</summary>
    Conflict,

    NotFound,

    /// <summary>The Kubernetes API refused or failed (e.g. the CRD schema rejected it).</summary>
    ClusterError,

    /// <summary>The manifest has a field the CRD schema does not know; the detail is the API server's message naming it.</summary>
    UnknownField,

    /// <summary>Logto could not be updated; the deletion can be resumed.</summary>
    UserDataError,
}
