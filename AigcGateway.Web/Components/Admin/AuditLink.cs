using AigcGateway.Core.Instances;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;
using AigcGateway.Web.Audit;

namespace AigcGateway.Web.Components.Admin;

/// <summary>Links from the other administration pages to the Audit log, pre-filtered.</summary>
public static class AuditLink
{
    public const string All = "/admin/audit";

    public static string Of(TemplateRef template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return All + AuditFilterQuery.ToQuery(new AuditFilter { Template = template.ToString() });
    }

    public static string Of(InstanceRef instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return All + AuditFilterQuery.ToQuery(new AuditFilter { Template = instance.Template.ToString(), InstanceId = instance.Id });
    }
}
