using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AigcGateway.Core.Users;

/// <summary>
/// The durable half of the mirror's retry queue: annotation <c>mirror.aigc-gateway.io/&lt;user id&gt;</c> on a template's
/// GameServerSet says "this user's Logto entry for this template may be out of date" (the value is when a write first
/// failed). It outlives restarts and is seen by every replica; the reconciler re-writes the entry from the ownership
/// record and removes the mark.
/// </summary>
public static partial class MirrorMarkAnnotations
{
    public const string Prefix = "mirror.aigc-gateway.io/";

    /// <summary>The annotation key for the user, or null when the user id cannot be part of one (Logto ids always can).</summary>
    public static string? KeyFor(string userId) =>
        userId is not null && AnnotationName().IsMatch(userId) ? Prefix + userId : null;

    /// <summary>The marks among a GameServerSet's annotations: user id -> since.</summary>
    public static ImmutableDictionary<string, string> Read(IDictionary<string, string>? annotations)
    {
        if (annotations is null)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var marks = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in annotations)
        {
            if (key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length > Prefix.Length)
            {
                marks[key[Prefix.Length..]] = value;
            }
        }

        return marks.ToImmutable();
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex AnnotationName();
}
