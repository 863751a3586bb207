namespace AigcGateway.Core.Storage;

/// <summary>
/// One element of the cookie-protection key ring (ASP.NET Core Data Protection's XML), kept in the database when it is
/// shared by several replicas. Core only owns the table and its migrations; the Web host reads and writes it through
/// Data Protection's Entity Framework Core repository, whose entity maps to the same columns.
/// </summary>
internal sealed class DataProtectionKeyRow
{
    public const string Table = "data_protection_keys";
    public const string IdColumn = "id";
    public const string FriendlyNameColumn = "friendly_name";
    public const string XmlColumn = "xml";

    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    /// <summary>The key's XML: its master key encrypted with the configured certificate (or in clear without one).</summary>
    public string? Xml { get; set; }
}
