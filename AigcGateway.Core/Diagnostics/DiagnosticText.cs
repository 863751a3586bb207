using System.Globalization;
using AigcGateway.Core.Text;

namespace AigcGateway.Core.Diagnostics;

/// <summary>What a diagnosis means for the user and what to do, in English and Simplified Chinese (DiagnosticText.resx).</summary>
public static class DiagnosticText
{
    private static readonly ResourceText Resources = new("AigcGateway.Core.Diagnostics.DiagnosticText");

    public static DiagnosticMessage Describe(InstanceDiagnostic diagnostic, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(culture);
        var key = TextKeys.Of(diagnostic.Reason);
        object?[] arguments = diagnostic.Reason switch
        {
            DiagnosticReason.Crashing => [diagnostic.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"],
            DiagnosticReason.SlowStart => [((int)(diagnostic.Elapsed?.TotalMinutes ?? 0)).ToString(CultureInfo.InvariantCulture)],
            _ => [],
        };
        return new(Resources.Get(key + "_Summary", culture, arguments), Resources.Get(key + "_NextStep", culture));
    }
}
