using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>One card: a template and the user's instance of it (null when they have none).</summary>
public sealed record CatalogEntry(Template Template, Instance? Instance)
{
    public TemplateRef Ref => Template.Ref;

    public bool HasInstance => Instance is not null && Instance.State != InstanceState.NotInstalled;
}
