using System.Collections.Immutable;
using AigcGateway.Core.Instances;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>The dashboard split into the user's instances and the templates they can still install (catalog order kept).</summary>
public sealed record DashboardSections(ImmutableArray<CatalogEntry> Mine, ImmutableArray<CatalogEntry> Available)
{
    public static DashboardSections Of(UserDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var entries = dashboard.Templates.Select(t => new CatalogEntry(t, dashboard.InstanceOf(t.Ref))).ToList();
        return new([.. entries.Where(e => e.HasInstance)], [.. entries.Where(e => !e.HasInstance)]);
    }
}
