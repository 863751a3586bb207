namespace AigcGateway.Tests.Charts;

/// <summary>Paths in the repository the chart tests work on, found by walking up to the folder with AigcGateway.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path => Root.Value;

    public static string Chart(string name) => System.IO.Path.Combine(Path, "helm", name);

    /// <summary>
    /// The earlier gateway's values file: from ../shared/data/original when the shared folder is there, otherwise the
    /// copy kept in Charts/Fixtures.
    /// </summary>
    public static string OriginalValues(string fileName)
    {
        var shared = SharedData("original", fileName);
        return File.Exists(shared) ? shared : Fixture(fileName);
    }

    /// <summary>A file of the team's shared data (<c>../shared/data/...</c> next to the repository); it may be missing.</summary>
    public static string SharedData(string folder, string fileName) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", "data", folder, fileName));

    public static string Fixture(string fileName) =>
        System.IO.Path.Combine(Path, "AigcGateway.Tests", "Charts", "Fixtures", fileName);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AigcGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains AigcGateway.sln.");
    }
}
