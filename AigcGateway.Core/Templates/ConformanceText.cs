using System.Globalization;
using AigcGateway.Core.Text;

namespace AigcGateway.Core.Templates;

/// <summary>The conformance messages for administrators in English and Simplified Chinese (ConformanceText.resx).</summary>
public static class ConformanceText
{
    private static readonly ResourceText Resources = new("AigcGateway.Core.Templates.ConformanceText");

    public static string Describe(ConformanceProblem problem, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(culture);
        return Resources.Get(TextKeys.Of(problem.Code), culture, [.. problem.Arguments]);
    }
}
