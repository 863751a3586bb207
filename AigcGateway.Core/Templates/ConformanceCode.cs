namespace AigcGateway.Core.Templates;

/// <summary>Why a template does not follow the gateway's conventions (text: <see cref="ConformanceText"/>).</summary>
public enum ConformanceCode
{
    ReserveIdsRequired,
    ScaleDownDeletesData,
    InvalidReserveIds,
    InvalidOwnershipRecord,
    NoDataVolume,
    CannotBeProtected,
    IconNotAccepted,
    DisplayTextTooLong,
    DisplayTextHidden,

    /// <summary>An Ingress template without the <c>auth-url</c> annotation: nothing asks the gateway.</summary>
    AuthUrlMissing,

    /// <summary>The <c>auth-url</c> names another host or path than this gateway's <c>/auth</c>.</summary>
    AuthUrlElsewhere,

    /// <summary>The <c>auth-url</c> lacks <c>?host=$host</c> (absolute-form request lines, ingress-nginx#5464).</summary>
    HostBindingMissing,

    AuthSigninMissing,
    AuthSigninElsewhere,

    /// <summary>Neither Host nor Path contains <c>&lt;id&gt;</c>: every instance at one address.</summary>
    InstanceIdMissing,

    /// <summary>A Path whose <c>&lt;id&gt;</c> is not followed by <c>/</c> under a plain-prefix PathType: <c>/u-1</c> matches <c>/u-11</c>.</summary>
    PathPrefixAmbiguous,

    /// <summary><c>auth-response-headers</c> does not list <c>X-Auth-Request-User</c>: a client-sent one reaches the engine.</summary>
    IdentityHeaderNotReplaced,

    /// <summary><c>auth-response-headers</c> does not list <c>Cookie</c>: the engine receives the gateway's access cookie.</summary>
    AccessCookieReachesEngine,
}
