namespace AigcGateway.Core.Administration;

/// <summary>Timing and sizes of the administration services.</summary>
public sealed record AdministrationOptions
{
    /// <summary>How long a template deletion waits for the instances to stop before deleting volumes.</summary>
    public TimeSpan StopWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a create waits for the new template to appear in the catalog (so the list shows it).</summary>
    public TimeSpan CatalogWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Logto users read per page while cleaning customData (Logto allows at most 100).</summary>
    public int UserPageSize { get; init; } = 100;
}
