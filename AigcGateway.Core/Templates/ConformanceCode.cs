namespace AigcGateway.Core.Templates;

/// <summary>Why a template does not follow the gateway's conventions.</summary>
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
}
