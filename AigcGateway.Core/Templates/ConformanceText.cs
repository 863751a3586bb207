using System.Globalization;
using System.Resources;

namespace AigcGateway.Core.Templates;

/// <summary>The conformance messages for administrators in English and Simplified Chinese (ConformanceText.resx).</summary>
public static class ConformanceText
{
    private static readonly ResourceManager Resources = new("AigcGateway.Core.Templates.ConformanceText", typeof(ConformanceText).Assembly);

    public static string Describe(ConformanceProblem problem, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(culture);
        var text = Resources.GetString(problem.Code.ToString(), culture) ?? problem.Code.ToString();
        return string.Format(culture, text, [.. problem.Arguments]);
    }
}
