namespace AigcGateway.Emulators.Logto;

/// <summary>A role as the Management API shows it (<c>type</c> is <c>User</c> or <c>MachineToMachine</c>).</summary>
internal sealed record LogtoRole(string Id, string Name, string Description, string Type);
