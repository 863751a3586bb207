namespace AigcGateway.Core.Templates;

/// <summary>
/// What conformance compares templates with: the public URL of this gateway (<c>Gateway:PublicUrl</c>), whose
/// <c>/auth</c> and <c>/sign-in</c> the ingress annotations must name. Null when unknown: hosts are then not compared.
/// </summary>
public sealed record ConformanceRules(Uri? GatewayUrl)
{
    public static ConformanceRules Unknown { get; } = new(GatewayUrl: null);
}
