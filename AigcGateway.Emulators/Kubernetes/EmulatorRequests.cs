namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// The requests that reached the emulator (the latest few thousand, for tests that check what a client asks for) and
/// authentication: by default any bearer token is accepted, as before; <see cref="AcceptOnly"/> makes the emulator
/// answer 401 to other tokens, as a real API server does to an expired or rotated-out ServiceAccount token.
/// </summary>
public sealed class EmulatorRequests
{
    private const int Capacity = 5000;
    private readonly Lock _lock = new();
    private readonly Queue<EmulatorRequest> _recent = new();
    private HashSet<string>? _tokens;

    /// <summary>The latest requests, oldest first.</summary>
    public IReadOnlyList<EmulatorRequest> Recent
    {
        get
        {
            lock (_lock)
            {
                return [.. _recent];
            }
        }
    }

    /// <summary>From now on only these bearer tokens are accepted; every other request answers 401 Unauthorized.</summary>
    public void AcceptOnly(params IEnumerable<string> tokens)
    {
        lock (_lock)
        {
            _tokens = [.. tokens];
        }
    }

    /// <summary>Accept any request again (the default).</summary>
    public void AcceptAny()
    {
        lock (_lock)
        {
            _tokens = null;
        }
    }

    internal async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
        bool accepted;
        lock (_lock)
        {
            _recent.Enqueue(new EmulatorRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? ""));
            while (_recent.Count > Capacity)
            {
                _recent.Dequeue();
            }

            accepted = _tokens is null || (token is not null && _tokens.Contains(token));
        }

        if (accepted)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var body = Json.ToBytes(StatusException.Build(401, "Unauthorized", "Unauthorized"));
        context.Response.StatusCode = 401;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
