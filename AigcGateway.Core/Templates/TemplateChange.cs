using System.Collections.Immutable;
using AigcGateway.Core.Administration;

namespace AigcGateway.Core.Templates;

/// <summary>
/// One change to a GameServerSet, computed from the state it is based on: the desired replicas, reserve list and
/// ownership record (<see cref="Write"/>; null leaves all three as they are) and annotations to set (a null value
/// removes one). Every writer of GameServerSets expresses its change this way and hands it to the one template writer.
/// </summary>
public sealed record TemplateChange
{
    /// <summary>Replicas, reserve list and ownership record together; null: none of them changes.</summary>
    public TemplateWrite? Write { get; init; }

    /// <summary>Annotations to set; a null value removes the annotation. Never the ownership record's key.</summary>
    public ImmutableSortedDictionary<string, string?> Annotations { get; init; } = ImmutableSortedDictionary<string, string?>.Empty;

    /// <summary>The change that writes <paramref name="write"/> and nothing else.</summary>
    public static TemplateChange Of(TemplateWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new TemplateChange { Write = write };
    }

    /// <summary>Same as <see cref="Of"/>: the lifecycle's plans return a <see cref="TemplateWrite"/>.</summary>
    public static implicit operator TemplateChange(TemplateWrite write) => Of(write);

    /// <summary>Also sets (or, with null, removes) <paramref name="key"/>.</summary>
    public TemplateChange Annotate(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (string.Equals(key, TemplateAnnotations.Owners, StringComparison.Ordinal))
        {
            throw new ArgumentException("The ownership record changes only through Write.", nameof(key));
        }

        return this with { Annotations = Annotations.SetItem(key, value) };
    }

    /// <summary>
    /// Marks the template as being deleted (<see cref="TemplateState.Deletion"/>): the choice is kept on the object, so an
    /// interrupted deletion can be resumed with it, and the lifecycle refuses new and recovered instances meanwhile.
    /// </summary>
    public TemplateChange MarkDeletion(TemplateDeletionMode mode) => Annotate(TemplateAnnotations.Deletion, TemplateAnnotations.FormatDeletion(mode));
}
