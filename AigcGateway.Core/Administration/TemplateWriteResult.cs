using System.Collections.Immutable;

namespace AigcGateway.Core.Administration;

/// <summary>The outcome of a template write: success, or an error with the problems or the API's message.</summary>
public sealed record TemplateWriteResult(TemplateWriteError? Error, string? Detail = null)
{
    public ImmutableArray<string> Problems { get; init; } = [];

    public bool Succeeded => Error is null;

    public static TemplateWriteResult Ok { get; } = new(Error: null);

    public static TemplateWriteResult Fail(TemplateWriteError error, string? detail = null) => new(error, detail);

    /// <summary>The failure of a write the API refused: a refused unknown field says so with the server's words, else <paramref name="error"/>.</summary>
    public static TemplateWriteResult Fail(Instances.ClusterException exception, TemplateWriteError error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is TemplateFieldRejectedException rejected
            ? new(TemplateWriteError.UnknownField, rejected.ServerMessage)
            : new(error, exception.Message);
    }
}
