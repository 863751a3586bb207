using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// What adoption would decide at <see cref="At"/>: the conflicts an administrator has to resolve, and the entries it would
/// adopt. <see cref="Error"/> is set when Logto or the ownership records could not be read.
/// </summary>
public sealed record MigrationReview(string? Error, ImmutableArray<AdoptionConflict> Conflicts, ImmutableArray<AdoptAction> Adoptable, DateTimeOffset At)
{
    /// <summary>The ownership records the review was planned against (for "the other claim": the recorded owner).</summary>
    public IReadOnlyDictionary<TemplateRef, IReadOnlyDictionary<int, string>> Owners { get; init; } =
        ImmutableDictionary<TemplateRef, IReadOnlyDictionary<int, string>>.Empty;

    /// <summary>The recorded owner of the conflict's instance, if any.</summary>
    public string? OwnerOf(AdoptionConflict conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return conflict.Instance is { } instance && Owners.TryGetValue(instance.Template, out var owners)
            ? owners.GetValueOrDefault(instance.Id)
            : null;
    }
}
