using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>A template as loaded for editing: its manifest (without status and server bookkeeping) and the version it was read at.</summary>
public sealed record TemplateEditBasis(TemplateRef Template, JsonObject Manifest, string ResourceVersion);
