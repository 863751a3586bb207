namespace AigcGateway.Core.Templates;

/// <summary>How to write <c>reserveGameServerIds</c>: OKG &gt;= 1.0 compresses ranges, older versions write plain ints.</summary>
public enum ReserveIdFormat
{
    Ranges,
    Plain,
}
