using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>The desired state one GameServerSet update sets: replicas, reserve list and ownership record together.</summary>
public sealed record TemplateWrite(int Replicas, ReserveIdSet Reserved, ImmutableSortedDictionary<int, string> Owners, ReserveIdFormat ReserveFormat);
