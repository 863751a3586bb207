namespace AigcGateway.Tests.Infrastructure;

/// <summary>Folders of the repository, found by walking up from the test binaries to the solution file.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>Where browser tests save the screenshots that the README shows.</summary>
    public static string Images => Directory.CreateDirectory(Path.Combine(Root, "images")).FullName;

    /// <summary>Tools installed by scripts/install-kube-tools.sh (helm, kubectl).</summary>
    public static string Tool(string name) => Path.Combine(Root, ".tools", "bin", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AigcGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AigcGateway.sln above {AppContext.BaseDirectory}.");
    }
}
