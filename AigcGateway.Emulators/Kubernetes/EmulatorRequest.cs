namespace AigcGateway.Emulators.Kubernetes;

/// <summary>One request that reached the emulator: method, path and query string (no headers, no body).</summary>
public sealed record EmulatorRequest(string Method, string Path, string Query);
