namespace AigcGateway.Tests.Infrastructure.Ingress;

/// <summary>One <c>spec.rules[0].http.paths</c> entry: the path, its PathType and the Service port it goes to.</summary>
public sealed record RenderedIngressPath(string Path, string PathType, int Port);
