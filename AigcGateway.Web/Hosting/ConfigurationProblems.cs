using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Hosting;

/// <summary>
/// Start-up's answer to bad settings: every problem of both sections, as the validator lists them, on standard error,
/// and exit code 1, instead of an unhandled exception (exit code 134 and a stack trace).
/// </summary>
internal static class ConfigurationProblems
{
    public const int ExitCode = 1;

    /// <summary>Every configuration problem (both sections); empty when the settings are valid.</summary>
    public static IReadOnlyList<string> Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = new List<string>();
        Collect(() => services.GetRequiredService<IOptions<GatewayOptions>>().Value, problems);
        Collect(() => services.GetRequiredService<IOptions<LogtoOptions>>().Value, problems);
        return problems;
    }

    /// <summary>The problems an exception carries, when it is (or wraps) an options validation failure; otherwise empty.</summary>
    public static IReadOnlyList<string> In(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(In)],
        { InnerException: { } inner } => In(inner),
        _ => [],
    };

    public static int Report(IReadOnlyList<string> problems, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine($"AIGC Gateway cannot start: {problems.Count} configuration problem(s).");
        foreach (var problem in problems.Distinct(StringComparer.Ordinal))
        {
            error.WriteLine("  - " + problem);
        }

        error.WriteLine("Fix the settings (docs/configuration.md lists every key and the earlier gateway's names) and start the gateway again.");
        return ExitCode;
    }

    private static void Collect(Func<object> read, List<string> problems)
    {
        try
        {
            read();
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
    }
}
