using System.Diagnostics;
using System.Text.RegularExpressions;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Charts;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed partial class DockerfileTests
{
    private static string Dockerfile => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));

    [Fact]
    public void The_image_builds_with_the_net_10_sdk_and_runs_on_the_aspnet_10_runtime()
    {
        var stages = FromLine().Matches(Dockerfile).Select(m => m.Groups["image"].Value).ToList();

        stages.ShouldBe(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"]);
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user_on_port_8080()
    {
        var user = UserLine().Matches(Dockerfile).Last().Groups["user"].Value;

        user.ShouldNotBeOneOf("root", "0", "0:0");
        user.Split(':')[0].ShouldBe("1654", "the uid the chart's podSecurityContext uses");
        Dockerfile.ShouldContain("ASPNETCORE_HTTP_PORTS=8080");
        Dockerfile.ShouldContain("EXPOSE 8080");
    }

    [Fact]
    public void The_build_stage_copies_every_project_the_web_project_builds_from()
    {
        var projects = new List<string>();
        var queue = new Queue<string>(["AigcGateway.Web/AigcGateway.Web.csproj"]);
        while (queue.TryDequeue(out var project))
        {
            projects.Add(project);
            var folder = Path.GetDirectoryName(project)!;
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, project))))
            {
                var path = Path.GetRelativePath(RepositoryRoot.Path, Path.GetFullPath(Path.Combine(RepositoryRoot.Path, folder, reference.Groups["path"].Value.Replace('\\', '/')))).Replace('\\', '/');
                if (!projects.Contains(path) && !queue.Contains(path))
                {
                    queue.Enqueue(path);
                }
            }
        }

        projects.Count.ShouldBeGreaterThan(1, "the web project references Core");
        foreach (var project in projects)
        {
            var folder = Path.GetDirectoryName(project)!;
            Dockerfile.ShouldContain($"COPY {project} {folder}/", customMessage: "restore needs every project file");
            Dockerfile.ShouldContain($"COPY {folder}/ {folder}/", customMessage: "publish needs every project's sources");
        }
    }

    /// <summary>Stands in for <c>docker build</c>, which this machine cannot run: the build stage's publish step (~40 s).</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Publishing_the_web_project_produces_the_dll_the_image_starts()
    {
        var entry = EntryPoint().Match(Dockerfile).Groups["dll"].Value;
        entry.ShouldBe("AigcGateway.Web.dll");
        var output = Directory.CreateTempSubdirectory("aigc-publish-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryRoot.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "publish", "AigcGateway.Web", "-c", "Release", "-o", output.FullName, "-nologo", "-v", "q", "-p:UseAppHost=false" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var log = process.StandardOutput.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(timeout.Token);

            process.ExitCode.ShouldBe(0, await log + await errors);
            File.Exists(Path.Combine(output.FullName, entry)).ShouldBeTrue();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"<ProjectReference\s+Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^USER\s+(?<user>\S+)", RegexOptions.Multiline)]
    private static partial Regex UserLine();

    [GeneratedRegex(@"^ENTRYPOINT\s+\[""dotnet"",\s*""(?<dll>[^""]+)""\]", RegexOptions.Multiline)]
    private static partial Regex EntryPoint();
}
