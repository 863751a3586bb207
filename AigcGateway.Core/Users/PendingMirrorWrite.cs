using System.Text.Json.Nodes;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// A customData write that failed and waits for a retry. <see cref="Value"/> null clears the entry; <see cref="FirstFailed"/>
/// is when a write of this entry first failed (kept while newer intents replace the value).
/// </summary>
public sealed record PendingMirrorWrite(
    string UserId,
    TemplateRef Template,
    JsonObject? Value,
    long Sequence,
    int Attempts,
    DateTimeOffset DueAt,
    string LastError,
    DateTimeOffset? FirstFailed = null);
