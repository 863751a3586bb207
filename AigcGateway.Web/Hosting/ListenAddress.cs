namespace AigcGateway.Web.Hosting;

/// <summary>Kestrel listening addresses as a browser can open them.</summary>
internal static class ListenAddress
{
    /// <summary>The address with a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) written as <c>localhost</c>.</summary>
    public static string Openable(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
    }
}
