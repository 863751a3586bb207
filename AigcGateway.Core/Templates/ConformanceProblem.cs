using System.Collections.Immutable;
using System.Globalization;

namespace AigcGateway.Core.Templates;

/// <summary>One conformance finding; its text (<see cref="Message"/>) is the code's, in the reader's language, filled with <paramref name="Arguments"/>.</summary>
public sealed record ConformanceProblem(ConformanceCode Code, ConformanceSeverity Severity, params ImmutableArray<string> Arguments)
{
    /// <summary>What is wrong and what to write instead, in the current UI culture (English or Simplified Chinese).</summary>
    public string Message => ConformanceText.Describe(this, CultureInfo.CurrentUICulture);

    public bool Equals(ConformanceProblem? other) =>
        other is not null && Code == other.Code && Severity == other.Severity && Arguments.AsSpan().SequenceEqual(other.Arguments.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Code, Severity, Arguments.Length);
}
