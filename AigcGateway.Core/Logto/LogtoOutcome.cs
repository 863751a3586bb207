namespace AigcGateway.Core.Logto;

/// <summary>How a Management API call ended.</summary>
public enum LogtoOutcome
{
    /// <summary>The call succeeded.</summary>
    Ok,

    /// <summary>The user (or other entity) does not exist (404 <c>entity.not_found</c>).</summary>
    NotFound,

    /// <summary>
    /// Logto refused the gateway's credentials or permissions (403 <c>auth.forbidden</c>, a rejected token, a wrong
    /// M2M secret): an operator has to fix the configuration; retrying does not help.
    /// </summary>
    ConfigurationError,

    /// <summary>Logto could not be reached, timed out or answered 5xx/429: worth retrying later.</summary>
    Unavailable,

    /// <summary>Logto rejected the request itself (another 4xx, or an answer the gateway could not read).</summary>
    Rejected,
}
