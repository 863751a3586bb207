namespace AigcGateway.Core.Templates;

public enum ConformanceSeverity
{
    /// <summary>The template is shown but cannot be installed.</summary>
    Error,

    /// <summary>The template works; administrators should know.</summary>
    Warning,
}
