using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>A customData write that failed and waits for a retry. <see cref="Value"/> null clears the entry.</summary>
public sealed record PendingMirrorWrite(
    string UserId,
    TemplateRef Template,
    JsonObject? Value,
    long Sequence,
    int Attempts,
    DateTimeOffset DueAt,
    string LastError);
