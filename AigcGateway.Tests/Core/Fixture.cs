using System.Runtime.CompilerServices;

namespace AigcGateway.Tests.Core;

/// <summary>Reads the API-shaped objects in Core/Fixtures (copies of shared/data/okg/objects) from the source tree.</summary>
internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory(), "Fixtures", name));

    /// <summary>
    /// The GameServerSet fixture (a template written for the earlier gateway) with the annotations templates carry
    /// now: the auth-url bound to <c>$host</c> and the auth-response-headers.
    /// </summary>
    public static string CurrentTemplate() => Read("gameserverset-ingress-reserveids.json")
        .Replace(
            "\"nginx.ingress.kubernetes.io/auth-url: https://dashboard.example.com/auth\"}",
            "\"nginx.ingress.kubernetes.io/auth-url: https://dashboard.example.com/auth?host=$host\"},"
            + "{\"name\":\"Annotation\",\"value\":\"nginx.ingress.kubernetes.io/auth-response-headers: X-Auth-Request-User,X-Auth-Request-Email,Cookie\"}",
            StringComparison.Ordinal);

    private static string Directory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
