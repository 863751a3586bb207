namespace AigcGateway.Core.Logto;

/// <summary>The outcome of one Management API call: the value when <see cref="Outcome"/> is <see cref="LogtoOutcome.Ok"/>, otherwise a message for logs and administrators.</summary>
public sealed record LogtoResult<T>(LogtoOutcome Outcome, T? Value, string? Error)
{
    public bool IsOk => Outcome == LogtoOutcome.Ok;

    public static LogtoResult<T> Ok(T value) => new(LogtoOutcome.Ok, value, null);

    public static LogtoResult<T> Failed(LogtoOutcome outcome, string error) => new(outcome, default, error);

    /// <summary>The same failure carrying another value type.</summary>
    public LogtoResult<TOther> As<TOther>() => new(Outcome, default, Error);
}
