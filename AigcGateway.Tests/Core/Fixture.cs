using System.Runtime.CompilerServices;

namespace AigcGateway.Tests.Core;

/// <summary>Reads the API-shaped objects in Core/Fixtures (copies of shared/data/okg/objects) from the source tree.</summary>
internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory(), "Fixtures", name));

    private static string Directory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
