namespace AigcGateway.Emulators.Logto;

/// <summary>The emulator's own base address, known only once Kestrel has bound its port.</summary>
internal sealed class LogtoAddress
{
    private Uri? _endpoint;

    /// <summary>The Logto endpoint <c>&lt;E&gt;</c>, without a trailing slash.</summary>
    public Uri Endpoint => _endpoint ?? throw new InvalidOperationException("The Logto emulator has not started yet.");

    /// <summary>The issuer, <c>&lt;E&gt;/oidc</c>.</summary>
    public string Issuer => Endpoint.AbsoluteUri.TrimEnd('/') + "/oidc";

    public void Set(Uri endpoint) => _endpoint = endpoint;
}
