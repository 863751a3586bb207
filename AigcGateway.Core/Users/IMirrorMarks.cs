using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>Writes and removes the durable marks of pending mirror writes (<see cref="MirrorMarkAnnotations"/>).</summary>
public interface IMirrorMarks
{
    /// <summary>Marks the user's entry for the template as needing a re-write (keeps an existing mark).</summary>
    Task MarkAsync(TemplateRef template, string userId, CancellationToken cancellationToken);

    /// <summary>Removes the mark if it still has the value <paramref name="since"/> (a newer mark stays). False when it did not.</summary>
    Task<bool> UnmarkAsync(TemplateRef template, string userId, string since, CancellationToken cancellationToken);
}
