using System.Collections.Immutable;

namespace AigcGateway.Core.Administration;

/// <summary>The outcome of a template write: success, or an error with the problems or the API's message.</summary>
public sealed record TemplateWriteResult(TemplateWriteError? Error, string? Detail = null)
{
    public ImmutableArray<string> Problems { get; init; } = [];

    public bool Succeeded => Error is null;

    public static TemplateWriteResult Ok { get; } = new(Error: null);

    public static TemplateWriteResult Fail(TemplateWriteError error, string? detail = null) => new(error, detail);
}
