using System.Globalization;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>A DELETE's options: preconditions (body) and the grace period (body or <c>?gracePeriodSeconds=</c>).</summary>
internal sealed record DeleteOptions(long? ResourceVersion, string? Uid, TimeSpan? GracePeriod)
{
    public static async Task<DeleteOptions> ReadAsync(HttpContext context)
    {
        JsonNode? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }

        var grace = Json.Integer(body?["gracePeriodSeconds"])
            ?? (long.TryParse(context.Request.Query["gracePeriodSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q : null);
        var rv = long.TryParse(Json.String(body?["preconditions"]?["resourceVersion"]), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : (long?)null;
        return new DeleteOptions(rv, Json.String(body?["preconditions"]?["uid"]), grace is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null);
    }
}
