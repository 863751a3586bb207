using System.Globalization;
using AigcGateway.Core.Text;

namespace AigcGateway.Core.Instances;

/// <summary>What went wrong with an operation and what to do, in English and Simplified Chinese (OperationErrorText.resx).</summary>
public static class OperationErrorText
{
    private static readonly ResourceText Resources = new("AigcGateway.Core.Instances.OperationErrorText");

    public static string Describe(OperationError error, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Resources.Get(TextKeys.Of(error), culture);
    }
}
