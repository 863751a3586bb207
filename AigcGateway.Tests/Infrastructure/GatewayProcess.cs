using System.Diagnostics;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>The built gateway (<c>AigcGateway.Web.dll</c>) as a real process, the way an operator starts it.</summary>
public static class GatewayProcess
{
    /// <summary>Start information for the built gateway with <paramref name="arguments"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var project = Path.Combine(RepositoryPaths.Root, "AigcGateway.Web");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "AigcGateway.Web.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is built with the solution");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
