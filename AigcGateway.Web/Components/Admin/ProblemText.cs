using AigcGateway.Core.Templates;
using AigcGateway.Core.Text;
using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Components.Admin;

/// <summary>A conformance finding in the administrator's language where the resources have it (<c>Admin_Problem_&lt;code&gt;</c>), else the checker's own message.</summary>
internal static class ProblemText
{
    public static string Of(IStringLocalizer<Strings> localizer, ConformanceProblem problem)
    {
        var text = localizer["Admin_Problem_" + TextKeys.Of(problem.Code)];
        return text.ResourceNotFound ? problem.Message : text.Value;
    }
}
